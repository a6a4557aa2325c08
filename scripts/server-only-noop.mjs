// Loaded with `--import` by scripts/start.ts into the app's server process (scripts/serve.ts).
// "server-only" guards bundles: Next.js's bundler makes a client import of it fail the build. In
// this process, which is the server, it only throws (its default export condition), and the
// server's fast lanes (lib/http/*-lane.ts) reach modules marked with it. Here it resolves to an
// empty module; the loader hook runs on its own thread, which must not register itself again.
import { register } from "node:module";
import { isMainThread } from "node:worker_threads";

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return nextResolve(specifier, context);
}

if (isMainThread) register(import.meta.url);
