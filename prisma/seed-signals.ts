import type { Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { seal } from "@/lib/targets/seal";
import { maskedUrl } from "@/lib/targets/url";
import { DEMO_INTERVAL_SECONDS } from "@/lib/signals/sources/demo/generator";

// The demo release's signals and go/stop criteria. Without the demo shop (Switchback on your own
// PostgreSQL) every number comes from the demo generator. With it (the embedded cluster), real
// numbers replace the generated lock waits and backfill progress: the shop is registered as a
// target, Lock waits and Dual-write divergence are read from it, and Backfill progress is pushed
// by the demo deploy's backfill job itself (the README's loop); error rate, latency and replica
// lag stay generated (the shop has no app metrics and no replica), so "Inject regression" still
// shows a STOP.
// Pause first, then stop: Lock waits and Replica lag are what a backfill causes, so a breach of
// theirs pauses the backfill (its switch) and leaves the flag alone; the others turn the flag off.

export const DEMO_TARGET_NAME = "shop (demo)";
const PUSHED_INTERVAL_SECONDS = 5;

type Unit = "PERCENT" | "MILLISECONDS" | "COUNT" | "SECONDS";
interface DemoSignal {
  key: string;
  name: string;
  unit: Unit;
  comparator: "GT" | "LT";
  warn: number | null;
  stop: number | null;
  database?: { metric: string; sql?: string };
  // Pushed through the API by the release's own job.
  pushed?: boolean;
  autoAction?: "PAUSE_BACKFILL";
}

const GENERATED: DemoSignal[] = [
  { key: "error_rate", name: "Error rate", unit: "PERCENT", comparator: "GT", warn: 1, stop: 2 },
  { key: "p95_latency", name: "p95 latency", unit: "MILLISECONDS", comparator: "GT", warn: 600, stop: 800 },
  { key: "lock_waits", name: "Lock waits", unit: "COUNT", comparator: "GT", warn: 5, stop: 20, autoAction: "PAUSE_BACKFILL" },
  { key: "replica_lag", name: "Replica lag", unit: "SECONDS", comparator: "GT", warn: 5, stop: 10, autoAction: "PAUSE_BACKFILL" },
  { key: "backfill_progress", name: "Backfill progress", unit: "PERCENT", comparator: "LT", warn: null, stop: null },
];

const FROM_SHOP: DemoSignal[] = [
  {
    key: "db_lock_waits",
    name: "Lock waits",
    unit: "COUNT",
    comparator: "GT",
    warn: 1,
    stop: 5,
    database: { metric: "lock_waits" },
    autoAction: "PAUSE_BACKFILL",
  },
  // Shown for context, no criterion: the job pushes only while it runs, and a criterion on it
  // would read STALE (and hold the cockpit) every minute the backfill is not running.
  { key: "backfill_progress", name: "Backfill progress", unit: "PERCENT", comparator: "LT", warn: null, stop: null, pushed: true },
  {
    key: "db_dual_write_divergence",
    name: "Dual-write divergence",
    unit: "COUNT",
    comparator: "GT",
    warn: null,
    stop: 0,
    database: {
      metric: "sql",
      sql: "SELECT count(*) FROM users WHERE first_name IS NOT NULL AND full_name IS DISTINCT FROM first_name || ' ' || last_name",
    },
  },
];

const REPLACED_BY_SHOP = new Set(["lock_waits", "backfill_progress"]);

export function demoSignals(withShop: boolean): DemoSignal[] {
  return withShop ? [...GENERATED.filter((s) => !REPLACED_BY_SHOP.has(s.key)), ...FROM_SHOP] : GENERATED;
}

// The shop as a registered target (its URL sealed like any other), for the demo release to name.
export async function createDemoTarget(tx: Tx, shopUrl: string, createdById: string, actor: Actor): Promise<string> {
  const target = await tx.targetDatabase.upsert({
    where: { name: DEMO_TARGET_NAME },
    create: { name: DEMO_TARGET_NAME, sealedUrl: seal(shopUrl), createdById },
    update: { sealedUrl: seal(shopUrl) },
    select: { id: true },
  });
  await appendAudit(tx, { actor, action: "target.added", after: { targetId: target.id, name: DEMO_TARGET_NAME, url: maskedUrl(shopUrl) } });
  return target.id;
}

export async function createDemoSignals(tx: Tx, releaseId: string, withShop: boolean, pollSeconds: number) {
  for (const [position, signal] of demoSignals(withShop).entries()) {
    const created = await tx.signal.create({
      data: {
        releaseId,
        key: signal.key,
        name: signal.name,
        unit: signal.unit,
        source: signal.database ? "DATABASE" : signal.pushed ? "PUSH" : "DEMO",
        dbMetric: signal.database?.metric ?? null,
        dbSql: signal.database?.sql ?? null,
        // A pushed signal's cadence: the backfill pushes after every batch, well under a second apart.
        pollIntervalSeconds: signal.database ? pollSeconds : signal.pushed ? PUSHED_INTERVAL_SECONDS : DEMO_INTERVAL_SECONDS,
      },
      select: { id: true },
    });
    if (signal.stop === null && signal.warn === null) continue;
    await tx.criterion.create({
      data: {
        releaseId,
        signalId: created.id,
        comparator: signal.comparator,
        warnThreshold: signal.warn,
        stopThreshold: signal.stop,
        windowSeconds: 60,
        position,
        autoAction: signal.autoAction ?? "TURN_FLAG_OFF",
      },
    });
  }
}
