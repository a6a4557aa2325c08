import { z } from "zod";

// Zod compiles object parsers with `new Function`, and it probes for that ability when an object
// schema is built. In the browser the probe alone is a violation of our CSP (no 'unsafe-eval'), so
// there zod is told up front not to compile; the server keeps the compiled parsers (push ingestion
// parses thousands of samples). Every module imports `z` from here, never from "zod" (ESLint's
// no-restricted-imports keeps it so), which makes this run before any schema exists.
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
