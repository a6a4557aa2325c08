import { startUnleash as startUnleashClient } from "unleash-client";
import { startUnleash } from "@/lib/testing/unleash";
import { wallNow, type Watch } from "./ofrep-consumers";

// The peer a team would otherwise have: Unleash's stock Node SDK at its default refresh interval
// (15 s polling) against a real unleash-server, its feature toggled through the Admin API.

const FEATURE = "bench-kill-switch";
const ENVIRONMENT = "development";

export async function startUnleashPeer(adminDatabaseUrl: string, watch: Watch, name = "unleash-node") {
  const server = await startUnleash(adminDatabaseUrl);
  const headers = { Authorization: server.adminToken, "Content-Type": "application/json" };
  const admin = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/admin${path}`, { method: "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`Unleash ${path} answered ${response.status}: ${await response.text()}`);
    return response.json().catch(() => null) as Promise<unknown>;
  };
  try {
    const base = `/projects/default/features`;
    await admin(base, { name: FEATURE, type: "kill-switch" });
    await admin(`${base}/${FEATURE}/environments/${ENVIRONMENT}/strategies`, { name: "default", parameters: {} });
    await admin(`${base}/${FEATURE}/environments/${ENVIRONMENT}/on`);
    const { secret } = (await admin("/api-tokens", { tokenName: "bench", type: "client", environment: ENVIRONMENT, projects: ["*"] })) as { secret: string };
    const client = await startUnleashClient({
      url: `${server.url}/api/`,
      appName: "switchback-bench",
      customHeaders: { Authorization: secret },
      disableMetrics: true,
    });
    const read = () => watch.record(name, client.isEnabled(FEATURE), wallNow());
    read();
    client.on("changed", read);
    return {
      name,
      toggle: (on: boolean) => admin(`${base}/${FEATURE}/environments/${ENVIRONMENT}/${on ? "on" : "off"}`).then(() => undefined),
      async stop() {
        client.destroy();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
