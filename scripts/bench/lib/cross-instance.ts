import type { BenchServer } from "./server";
import { openStream } from "./sse";

// Issue #15's "made through A shows on B": a person's flip sent to instance 1 (its API, with a
// session) → the audit event arrives on live streams held open on instance 2, which learns of it
// only through PostgreSQL (NOTIFY). Alternates off and on; returns each round's latency in ms.
export async function flipAcrossInstances(server: BenchServer, rounds: number, streams = 5): Promise<{ latencies: number[]; failures: string[] }> {
  const [first, second] = server.instances;
  if (!first || !second) throw new Error("needs two instances");
  const { db } = server;
  const admin = await db.user.create({
    data: { email: "cross@bench.test", name: "Cross", role: "ADMIN" },
    select: { id: true, name: true, email: true, role: true },
  });
  const release = await db.release.create({
    data: {
      title: "Cross-instance",
      status: "IN_PROGRESS",
      flagKey: "bench-cross",
      flagEnvironment: "production",
      startedAt: new Date(),
      decisionOwnerId: admin.id,
    },
    select: { id: true },
  });
  await db.flag.create({ data: { key: "bench-cross", environment: "production", enabled: true } });
  const cookie = await server.sessionCookie(admin);
  let waiting: { since: number; done: (ms: number) => void } | null = null;
  const heard = (action: string, at: number) => {
    if (action === "flag.changed" && waiting) {
      waiting.done(at - waiting.since);
      waiting = null;
    }
  };
  const closers = await Promise.all(
    Array.from({ length: streams }, (_, i) => openStream(`${second}/api/releases/${release.id}/stream`, cookie, () => undefined, i === 0 ? heard : undefined)),
  );
  const latencies: number[] = [];
  const failures: string[] = [];
  try {
    await new Promise((r) => setTimeout(r, 1000));
    for (let round = 0; round < rounds; round++) {
      const on = round % 2 === 1;
      const arrived = new Promise<number>((resolve) => (waiting = { since: performance.now(), done: resolve }));
      const response = await fetch(`${first}/api/v1/releases/${release.id}/flag/${on ? "on" : "off"}`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json", Origin: first },
        body: JSON.stringify({ expected: !on }),
      });
      if (response.status !== 200) {
        failures.push(`round ${round + 1}: ${response.status} ${(await response.text()).slice(0, 120)}`);
        waiting = null;
        continue;
      }
      const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 10_000));
      latencies.push(await Promise.race([arrived, timeout]));
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    closers.forEach((close) => close());
  }
  return { latencies: latencies.sort((a, b) => a - b), failures };
}
