// Runs once as the server starts: validates the environment (a bad variable is named at once) and
// starts the background workers in the Node.js server, never during a build.
export async function register() {
  const { env } = await import("./lib/env");
  if (env.NEXT_RUNTIME === "nodejs" && env.NEXT_PHASE !== "phase-production-build") {
    const { startWorkers } = await import("./lib/workers");
    startWorkers();
  }
}
