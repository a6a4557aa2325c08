// The words shared by the cockpit's Consumers line and the flag watcher's audit events
// (browser-safe: no server imports).

export const ACTIVE_WINDOW_MS = 5 * 60_000;
export const SETTLE_AFTER_MS = 60_000;

export const NO_CONSUMERS = "No consumer has read this flag in the last 5 minutes.";
// A provider other than the built-in one is read by applications directly (Unleash's SDKs).
export const elsewhereConsumers = (provider: string) => `Applications read this flag from ${provider}; Switchback sees only consumers of its own OFREP.`;

export const onOff = (enabled: boolean) => (enabled ? "ON" : "OFF");

// "0.4 s", "40 s", "12 min": precise where a flip's reach is measured, coarse where a consumer went quiet.
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

export interface Laggard {
  consumer: string;
  enabled: boolean;
  lastSeenAt: number;
}

const LISTED = 3;

// "api-worker-2 still on ON (last seen 40 s ago); web/7 still on ON (last seen 3.0 s ago) and 2 more"
export function laggardsPhrase(lagging: readonly Laggard[], now: number): string {
  const listed = lagging.slice(0, LISTED).map((l) => `${l.consumer} still on ${onOff(l.enabled)} (last seen ${formatSpan(now - l.lastSeenAt)} ago)`);
  const more = lagging.length - listed.length;
  return `${listed.join("; ")}${more > 0 ? ` and ${more} more` : ""}`;
}
