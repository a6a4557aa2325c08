// Validates the environment as the server starts, so a bad variable is named at once.
export async function register() {
  await import("./lib/env");
}
