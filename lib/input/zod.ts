import { z } from "zod";

// Zod compiles object parsers with `new Function`, and it probes for that ability when an object
// schema is built. In the browser the probe alone is a violation of our CSP (no 'unsafe-eval'), so
// zod is told up front not to compile. Every module imports `z` from here, never from "zod"
// (ESLint's no-restricted-imports keeps it so), which makes this run before any schema exists.
z.config({ jitless: true });

export { z };
