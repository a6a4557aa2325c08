import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { freePort } from "@/lib/net";
import { evaluateCriterion, type CriterionSpec } from "@/lib/signals/evaluate";
import { errorRate } from "@/lib/signals/evaluate-fixtures";
import { queryPrometheus } from "@/lib/signals/sources/prometheus/query";
import { pollOnce, startPrometheusPoller, type PollerOptions } from "@/lib/signals/sources/prometheus/poller";
import { createScratchDatabase, withClient } from "@/lib/testing/db";
import { startExporter, startPrometheus } from "@/lib/testing/prometheus";

// Pollers read every Prometheus signal in their database and elect their leader per database, so
// they get a database of their own instead of touching what other test files create.

const eventually = { timeout: 15_000, interval: 200 };
const cleanups: (() => Promise<void>)[] = [];
let prometheusUrl = "";
let exporter: Awaited<ReturnType<typeof startExporter>>;
let db: Db;
let databaseUrl = "";

beforeAll(async () => {
  exporter = await startExporter();
  cleanups.push(exporter.stop);
  const prometheus = await startPrometheus({ targets: [exporter.target] });
  cleanups.push(prometheus.stop);
  prometheusUrl = prometheus.url;
  const scratch = await createScratchDatabase();
  cleanups.push(scratch.drop);
  await migrate(scratch.url);
  databaseUrl = scratch.url;
  db = createDb(databaseUrl, 4);
  cleanups.push(() => db.$disconnect());
});

afterAll(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function poller(options: Partial<PollerOptions> = {}) {
  const started = startPrometheusPoller({ databaseUrl, baseUrl: prometheusUrl, tickMs: 250, log: () => undefined, ...options });
  cleanups.push(started.stop);
  return started;
}

async function prometheusSignal(promql: string, status: "IN_PROGRESS" | "COMPLETED" = "IN_PROGRESS") {
  const release = await db.release.create({
    data: {
      title: "Prometheus",
      status,
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", source: "PROMETHEUS", promql, pollIntervalSeconds: 1 } },
    },
    select: { signals: { select: { id: true } } },
  });
  return release.signals[0]!.id;
}

const signalState = (id: string) =>
  db.signal.findUniqueOrThrow({ where: { id }, select: { lastError: true, samples: { orderBy: { at: "asc" }, select: { at: true, value: true } } } });

describe("queryPrometheus against a real Prometheus", () => {
  it("reads a scraped gauge and a scalar", async () => {
    exporter.set("switchback_test_queue_depth", 7);
    await expect
      .poll(() => queryPrometheus(prometheusUrl, "switchback_test_queue_depth", 3000), eventually)
      .toMatchObject({ kind: "value", value: 7, at: expect.any(Date) });
    expect(await queryPrometheus(prometheusUrl, "2 * 21", 3000)).toMatchObject({ kind: "value", value: 42 });
  });

  it("tells no data, NaN, PromQL errors and non-numbers apart", async () => {
    expect(await queryPrometheus(prometheusUrl, "absent_metric_xyz", 3000)).toEqual({ kind: "empty" });
    expect(await queryPrometheus(prometheusUrl, "0/0", 3000)).toEqual({ kind: "nan" });
    const parse = await queryPrometheus(prometheusUrl, "sum(", 3000);
    expect(parse).toMatchObject({ kind: "error", message: expect.stringContaining("parse error") });
    expect(await queryPrometheus(prometheusUrl, "up[1m]", 3000)).toMatchObject({ kind: "error", message: expect.stringContaining("range vector") });
  });

  it("refuses to pick one of several series", async () => {
    exporter.set("switchback_test_a", 1);
    exporter.set("switchback_test_b", 2);
    await expect
      .poll(() => queryPrometheus(prometheusUrl, '{__name__=~"switchback_test_(a|b)"}', 3000), eventually)
      .toEqual({
        kind: "error",
        message: "The query returned 2 series; aggregate it to one (e.g. sum(...))",
      });
  });

  it("reports an unreachable Prometheus and one that never answers", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    expect(await queryPrometheus(closed, "up", 3000)).toMatchObject({ kind: "unreachable", message: expect.stringContaining("ECONNREFUSED") });

    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    expect(await queryPrometheus(`http://127.0.0.1:${port}`, "up", 300)).toEqual({ kind: "timeout" });
    const stopped = new Promise((resolve) => silent.close(resolve));
    silent.closeAllConnections();
    await stopped;
  });
});

describe("Prometheus poller", () => {
  it("stores what Prometheus reports and the criterion follows it", { timeout: 60_000 }, async () => {
    const signalId = await prometheusSignal("switchback_test_error_rate");
    // The evaluation fixtures' error-rate criterion, at the poller's 1 s interval.
    const spec: CriterionSpec = { ...errorRate, intervalSeconds: 1 };
    const statusNow = async () =>
      evaluateCriterion(
        spec,
        (await signalState(signalId)).samples.map((s) => ({ at: s.at.getTime(), value: s.value })),
        Date.now(),
      ).status;
    expect(await statusNow()).toBe("STALE");

    exporter.set("switchback_test_error_rate", 0.5);
    const running = poller();
    await expect.poll(async () => (await signalState(signalId)).samples.at(-1)?.value, eventually).toBe(0.5);
    await expect.poll(statusNow, eventually).toBe("OK");

    exporter.set("switchback_test_error_rate", 4.1);
    await expect.poll(async () => (await signalState(signalId)).samples.at(-1)?.value, eventually).toBe(4.1);
    await expect.poll(statusNow, eventually).toBe("STOP");
    expect((await signalState(signalId)).lastError).toBeNull();
    await running.stop();
  });

  it("records a PromQL error instead of a sample, and clears it once the query works", async () => {
    const signalId = await prometheusSignal("sum(");
    await pollOnce(db, prometheusUrl, 3000);
    const broken = await signalState(signalId);
    expect(broken.lastError).toMatch(/^PromQL error: .*parse error/);
    expect(broken.samples).toEqual([]);
    // The same error again is not written again: an untouched row keeps its xmin.
    const rowVersion = () => withClient(databaseUrl, async (c) => (await c.query("SELECT xmin::text FROM signals WHERE id = $1", [signalId])).rows[0]);
    const before = await rowVersion();
    await pollOnce(db, prometheusUrl, 3000);
    expect(await rowVersion()).toEqual(before);

    exporter.set("switchback_test_fixed", 3);
    await db.signal.update({ where: { id: signalId }, data: { promql: "switchback_test_fixed" } });
    const pollAndRead = async () => {
      await pollOnce(db, prometheusUrl, 3000);
      return signalState(signalId);
    };
    await expect.poll(pollAndRead, eventually).toMatchObject({ lastError: null, samples: [{ value: 3 }] });
  });

  it("leaves finished releases alone", async () => {
    exporter.set("switchback_test_done", 1);
    const signalId = await prometheusSignal("switchback_test_done", "COMPLETED");
    await pollOnce(db, prometheusUrl, 3000);
    expect(await signalState(signalId)).toEqual({ lastError: null, samples: [] });
  });

  it("lets exactly one of two pollers lead, and the other take over when it stops", async () => {
    const pollers = [poller(), poller()];
    await expect.poll(() => pollers.filter((p) => p.isLeader()).length, eventually).toBe(1);
    const leader = pollers.find((p) => p.isLeader())!;
    const follower = pollers.find((p) => p !== leader)!;
    await leader.stop();
    await expect.poll(() => follower.isLeader(), eventually).toBe(true);
    await follower.stop();
  });

  it("gives up leadership when its connection drops, then takes it back", async () => {
    const logged: string[] = [];
    const single = poller({ log: (msg) => logged.push(msg) });
    await expect.poll(() => single.isLeader(), eventually).toBe(true);
    await withClient(databaseUrl, (client) =>
      client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchback-prometheus-poller' AND datname = current_database()",
      ),
    );
    await expect.poll(() => logged.some((m) => m.startsWith("Lost the leader lock")), eventually).toBe(true);
    await expect.poll(() => single.isLeader(), eventually).toBe(true);
    await single.stop();
  });
});
