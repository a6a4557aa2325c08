// `pretest`: the programs the tests drive must be on this machine. Use what is installed;
// as root, install what is missing from Debian's packages; otherwise say the exact command.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const needs = [
  { what: "Chromium (for the Playwright e2e tests)", paths: [process.env.CHROMIUM_PATH, "/usr/bin/chromium"], pkg: "chromium" },
  { what: "Prometheus (for the Prometheus integration test)", paths: ["/usr/bin/prometheus"], pkg: "prometheus" },
  { what: "HAProxy (for npm run cluster and its e2e test)", paths: ["/usr/sbin/haproxy"], pkg: "haproxy" },
  { what: "PgBouncer (for the connection pooler test)", paths: ["/usr/sbin/pgbouncer"], pkg: "pgbouncer" },
];

const missing = needs.filter((need) => !need.paths.some((p) => p && existsSync(p)));
if (missing.length === 0) process.exit(0);

const packages = missing.map((need) => need.pkg);
const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(" ")}`;
if (process.getuid?.() !== 0) {
  console.error(`Missing: ${missing.map((n) => n.what).join(", ")}. Install with: sudo sh -c '${command}'`);
  process.exit(1);
}
console.log(`Installing ${packages.join(", ")} from Debian's packages…`);
execFileSync("sh", ["-c", command], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
