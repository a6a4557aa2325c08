// The shapes the audit timeline and the post-release report compute over: plain, serialisable
// values (times in epoch milliseconds), so the same data feeds pure functions, server components
// and the chart's client leaf.

export interface AuditEntry {
  id: string;
  at: number;
  actorType: "USER" | "SYSTEM";
  actorId: string | null;
  actorLabel: string;
  action: string;
  before: unknown;
  after: unknown;
}

export interface TimePoint {
  at: number;
  value: number;
}

export interface TimeWindow {
  from: number;
  to: number;
}

// A field of an event's before/after JSON, whatever shape an older event was written in.
export function field(json: unknown, key: string): unknown {
  return json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
}

export function text(json: unknown, key: string): string | null {
  const value = field(json, key);
  return typeof value === "string" && value.trim() !== "" ? value : null;
}
