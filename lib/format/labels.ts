// Words and units shown for stored enum values. Pure, shared by pages and reports.

export const RELEASE_STATUS_LABEL = {
  DRAFT: "Draft",
  READY: "Ready",
  IN_PROGRESS: "In progress",
  PAUSED: "Paused",
  STOPPED: "Stopped",
  COMPLETED: "Completed",
  ROLLED_BACK: "Rolled back",
  ABANDONED: "Abandoned",
} as const;

export const STAGE_STATUS_LABEL = { PENDING: "Pending", ACTIVE: "Active", DONE: "Done" } as const;

export const DEPLOY_STYLE_LABEL = { ROLLING: "Rolling", BLUE_GREEN: "Blue-green", CANARY: "Canary" } as const;

export { FLAG_PROVIDER_LABEL } from "@/lib/flags/providers/catalog";

export const COMPARATOR_SYMBOL = { GT: ">", GTE: "≥", LT: "<", LTE: "≤" } as const;

export const UNIT_SUFFIX = { PERCENT: " %", MILLISECONDS: " ms", SECONDS: " s", COUNT: "" } as const;

export const UNIT_LABEL = { PERCENT: "%", MILLISECONDS: "ms", SECONDS: "s", COUNT: "count" } as const;

export function formatValue(value: number | null | undefined, unit: keyof typeof UNIT_SUFFIX): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  const digits = unit === "COUNT" || unit === "MILLISECONDS" ? 0 : Math.abs(value) < 10 ? 2 : 1;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits })}${UNIT_SUFFIX[unit]}`;
}
