import { env } from "@/lib/env";
import { prometheusCatalog } from "@/lib/signals/sources/prometheus/config";
import { startPrometheusPoller } from "@/lib/signals/sources/prometheus/poller";
import type { PollSource, SourceHealth } from "@/lib/signals/sources/types";

export const PROMETHEUS_NOT_CONFIGURED = "Prometheus is not configured on this server: set PROMETHEUS_URL to its base URL.";

export function prometheusHealth(baseUrl: string | undefined): SourceHealth {
  if (!baseUrl) return { ok: false, message: PROMETHEUS_NOT_CONFIGURED };
  return { ok: true, message: `Polled from ${new URL(baseUrl).origin}.` };
}

export const prometheusSource: PollSource = {
  ...prometheusCatalog,
  mode: "poll",
  health: () => prometheusHealth(env.PROMETHEUS_URL),
  // Started only when health() is ok, so the base URL is there.
  start: ({ databaseUrl, shared }) => startPrometheusPoller({ databaseUrl, shared, baseUrl: env.PROMETHEUS_URL ?? "", tickMs: env.PROMETHEUS_POLL_TICK_MS }),
};
