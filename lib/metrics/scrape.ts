import { getDb, openPool, POOL_SIZE } from "@/lib/db";
import { metrics } from "@/lib/metrics/registry";

// What is read at scrape time rather than counted as it happens: the webhook queue (one count on an
// index, given a second at most, so a slow or absent database cannot hold the scrape) and the
// database pool's use. Then the whole registry in Prometheus' text format.

const QUEUE_TIMEOUT_MS = 1000;

async function pendingDeliveries(): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(Number.NaN), QUEUE_TIMEOUT_MS)));
  const count = getDb().$queryRaw<{ pending: number }[]>`SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'PENDING'`.then(
    ([row]) => row?.pending ?? 0,
    () => Number.NaN,
  );
  try {
    return await Promise.race([count, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function scrape(): Promise<{ contentType: string; text: string }> {
  metrics.webhookQueue.set(await pendingDeliveries());
  const pool = openPool();
  metrics.pool.set({ state: "max" }, pool?.options.max ?? POOL_SIZE);
  metrics.pool.set({ state: "total" }, pool?.totalCount ?? 0);
  metrics.pool.set({ state: "idle" }, pool?.idleCount ?? 0);
  metrics.pool.set({ state: "waiting" }, pool?.waitingCount ?? 0);
  return { contentType: metrics.registry.contentType, text: await metrics.registry.metrics() };
}
