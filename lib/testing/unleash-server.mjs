// Boots a real unleash-server for integration tests; lib/testing/unleash.ts runs it as a child
// process. The token and the database URL arrive through the environment, never on the command
// line, so `ps` does not show them.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const { UNLEASH_PEERS_DIR, UNLEASH_DATABASE_URL, UNLEASH_PORT, UNLEASH_ADMIN_TOKEN } = process.env;
if (!UNLEASH_PEERS_DIR || !UNLEASH_DATABASE_URL || !UNLEASH_PORT || !UNLEASH_ADMIN_TOKEN) {
  console.error("unleash-server.mjs needs UNLEASH_PEERS_DIR, UNLEASH_DATABASE_URL, UNLEASH_PORT and UNLEASH_ADMIN_TOKEN");
  process.exit(2);
}

// The parent holds an IPC channel open; when it goes (the test process died), so does the server.
process.once("disconnect", () => process.exit(0));

// unleash-server lives in the ignored .peers folder, not in the app's node_modules.
const entry = createRequire(`${UNLEASH_PEERS_DIR}/package.json`).resolve("unleash-server");
const { start } = await import(pathToFileURL(entry).href);

try {
  await start({
    databaseUrl: UNLEASH_DATABASE_URL,
    db: { ssl: false },
    server: { host: "127.0.0.1", port: Number(UNLEASH_PORT), enableRequestLogger: false },
    authentication: {
      // The start-up token is only inserted into an empty token table: hence a fresh database per run.
      initApiTokens: [{ environment: "*", projects: ["*"], secret: UNLEASH_ADMIN_TOKEN, type: "admin", tokenName: "switchback-tests" }],
    },
    // Loopback only: no calls home.
    versionCheck: { enable: false },
    logLevel: "warn",
  });
} catch (error) {
  console.error(error);
  process.exit(1);
}
