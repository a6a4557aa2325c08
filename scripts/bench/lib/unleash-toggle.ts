import { startUnleash } from "@/lib/testing/unleash";

// Times Unleash's own Admin API toggle (POST …/environments/{env}/on|off) against a real
// unleash-server with its own database on the bench's cluster.
export async function benchUnleashToggle(times: number, adminDatabaseUrl: string): Promise<number[]> {
  const unleash = await startUnleash(adminDatabaseUrl);
  try {
    const headers = { Authorization: unleash.adminToken, "Content-Type": "application/json" };
    const base = `${unleash.url}/api/admin/projects/default/features`;
    const created = await fetch(base, { method: "POST", headers, body: JSON.stringify({ name: "bench-kill-switch", type: "kill-switch" }) });
    if (!created.ok) throw new Error(`creating the feature answered ${created.status}`);
    let on = false;
    const toggle = async () => {
      const response = await fetch(`${base}/bench-kill-switch/environments/development/${on ? "off" : "on"}`, { method: "POST", headers });
      if (!response.ok) throw new Error(`toggle answered ${response.status}`);
      on = !on;
    };
    for (let i = 0; i < 10; i++) await toggle();
    const out: number[] = [];
    for (let i = 0; i < times; i++) {
      const start = performance.now();
      await toggle();
      out.push(performance.now() - start);
    }
    return out.sort((a, b) => a - b);
  } finally {
    await unleash.stop();
  }
}
