import { formatValue, UNIT_SUFFIX } from "@/lib/format/labels";
import { field } from "@/lib/audit/report/types";

// A decision's snapshot (lib/signals/health.ts snapshotOf), read back from JSON for the report.
// Snapshots are stored forever and their shape may have grown since: anything missing reads as
// unknown rather than failing the whole report.

export interface SnapshotRow {
  key: string;
  name: string;
  value: string;
  status: string;
  reason: string | null;
}

export interface SnapshotView {
  at: string | null;
  recommendation: string | null;
  rows: SnapshotRow[];
}

const isUnit = (unit: unknown): unit is keyof typeof UNIT_SUFFIX => typeof unit === "string" && unit in UNIT_SUFFIX;
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export function readSnapshot(snapshot: unknown): SnapshotView {
  const recommendation = field(snapshot, "recommendation");
  const verdict = str(field(recommendation, "verdict"));
  const because = str(field(recommendation, "reason"));
  const signals = field(snapshot, "signals");
  const rows = (Array.isArray(signals) ? signals : []).map((signal: unknown, index): SnapshotRow => {
    const unit = field(signal, "unit");
    const value = field(signal, "value");
    return {
      key: str(field(signal, "key")) ?? `signal-${index}`,
      name: str(field(signal, "name")) ?? str(field(signal, "key")) ?? "Unnamed signal",
      value: typeof value === "number" ? formatValue(value, isUnit(unit) ? unit : "COUNT") : "no data",
      status: str(field(signal, "status")) ?? "no criterion",
      reason: str(field(signal, "reason")),
    };
  });
  return { at: str(field(snapshot, "at")), recommendation: verdict ? `${verdict}${because ? `: ${because}` : ""}` : null, rows };
}
