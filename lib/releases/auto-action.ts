// What a go/stop criterion does by itself when its stop threshold is breached N checks in a row
// (lib/flags/auto-stop.ts, lib/flags/auto-pause.ts). Browser-safe: the criterion form reads it.

export const AUTO_ACTIONS = ["TURN_FLAG_OFF", "PAUSE_BACKFILL"] as const;

export type AutoAction = (typeof AUTO_ACTIONS)[number];

export const AUTO_ACTION_LABEL: Record<AutoAction, string> = {
  TURN_FLAG_OFF: "Turn flag off",
  PAUSE_BACKFILL: "Pause backfill",
};
