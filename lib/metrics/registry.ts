import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

// Switchback's own metrics (served at /metrics by lib/http/metrics-lane.ts). One registry per
// process on globalThis, like the database client: the fast lanes in scripts/serve.ts and Next's
// bundles load this module separately and must count into the same objects. Code elsewhere records
// through the one-line helpers of lib/metrics/record.ts; this file only says what exists.

export type StreamKind = "live" | "ofrep";

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"route" | "status_class">;
  flips: Counter<"outcome">;
  autoActions: Counter<"action">;
  tickDuration: Histogram<"loop">;
  tickFailures: Counter<"loop">;
  pollErrors: Counter<"source">;
  webhookFailures: Counter;
  webhookQueue: Gauge;
  pool: Gauge<"state">;
  // Read at scrape time: the open streams of each kind, and whether each running loop leads.
  streamCounts: Map<StreamKind, () => number>;
  leaders: Map<string, Set<() => boolean>>;
}

function build(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const streamCounts = new Map<StreamKind, () => number>();
  const leaders = new Map<string, Set<() => boolean>>();
  const registers = [registry];
  new Gauge({
    name: "switchback_stream_clients",
    help: "Open server-sent event streams on this instance: live (cockpits) and ofrep (OpenFeature providers).",
    labelNames: ["stream"],
    registers,
    collect() {
      for (const kind of ["live", "ofrep"] as const) this.set({ stream: kind }, streamCounts.get(kind)?.() ?? 0);
    },
  });
  new Gauge({
    name: "switchback_leader",
    help: "1 when this instance leads the background loop, 0 when another instance does.",
    labelNames: ["loop"],
    registers,
    collect() {
      // Only loops running now: a stopped one's label goes away with it.
      this.reset();
      for (const [loop, checks] of leaders) this.set({ loop }, [...checks].some((leads) => leads()) ? 1 : 0);
    },
  });
  return {
    registry,
    streamCounts,
    leaders,
    httpDuration: new Histogram({
      name: "switchback_http_request_duration_seconds",
      help: "Time to answer an API or fast-lane request (to the end of the body; event streams are not timed), by route pattern and status class.",
      labelNames: ["route", "status_class"],
      registers,
    }),
    flips: new Counter({
      name: "switchback_flips_total",
      help: "Kill-switch flips attempted, by outcome (applied, conflict, failed, missing).",
      labelNames: ["outcome"],
      registers,
    }),
    autoActions: new Counter({
      name: "switchback_auto_actions_total",
      help: "Automatic actions fired, by action (auto_stop, auto_pause).",
      labelNames: ["action"],
      registers,
    }),
    tickDuration: new Histogram({
      name: "switchback_loop_tick_duration_seconds",
      help: "Time one tick of a background loop took on the leader (a signal source's poll, the webhook dispatch, auto-stop), by loop.",
      labelNames: ["loop"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    tickFailures: new Counter({
      name: "switchback_loop_tick_failures_total",
      help: "Ticks of a background loop that failed, by loop.",
      labelNames: ["loop"],
      registers,
    }),
    pollErrors: new Counter({
      name: "switchback_signal_poll_errors_total",
      help: "Signal reads that failed (the source did not answer, answered an error or no number), by source; the signal shows the error and turns STALE.",
      labelNames: ["source"],
      registers,
    }),
    webhookFailures: new Counter({
      name: "switchback_webhook_delivery_failures_total",
      help: "Webhook delivery attempts that failed (each is retried until the last attempt).",
      registers,
    }),
    webhookQueue: new Gauge({
      name: "switchback_webhook_queue_depth",
      help: "Webhook deliveries waiting to be sent (PENDING), counted at scrape time; NaN when the database did not answer in time.",
      registers,
    }),
    pool: new Gauge({
      name: "switchback_db_pool_connections",
      help: "This instance's database pool: open (total), idle, waiting (queries queued for a connection) and max.",
      labelNames: ["state"],
      registers,
    }),
  };
}

const holder = globalThis as unknown as { switchbackMetrics?: Metrics };
export const metrics: Metrics = (holder.switchbackMetrics ??= build());
