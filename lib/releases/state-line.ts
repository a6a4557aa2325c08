import { RELEASE_STATUS_LABEL } from "@/lib/format/labels";
import { STAGE_LABEL, type StageKindName } from "@/lib/releases/template";
import { formatHourMinute } from "@/lib/format/time";

// The words of the state bar that tops the plan and the cockpit, pure so they are tested and read
// the same on both pages. The bar must not be misread in an incident, so every part says plainly
// what it does not know ("not started", "no call yet") instead of leaving a gap.

export type ReleaseStatus = keyof typeof RELEASE_STATUS_LABEL;
const REASON_MAX = 160;

export interface LatestCall {
  verdict: "GO" | "STOP" | "AUTO_STOP";
  actor: string;
  at: Date;
  reason: string;
}

// Upper case on purpose: the label must read the same to every eye and every screen reader, and it
// must not be mistaken for the status badges' sentence-case words.
export const statusWord = (status: ReleaseStatus) => RELEASE_STATUS_LABEL[status].toUpperCase();

export function currentStage(stages: readonly { kind: StageKindName; status: "PENDING" | "ACTIVE" | "DONE" }[]): string {
  const active = stages.find((s) => s.status === "ACTIVE");
  if (active) return STAGE_LABEL[active.kind];
  if (stages.length > 0 && stages.every((s) => s.status === "DONE")) return "All stages done";
  return "Not started";
}

export function flagWord(enabled: boolean | null): "ON" | "OFF" | "UNKNOWN" {
  return enabled === null ? "UNKNOWN" : enabled ? "ON" : "OFF";
}

const clock = formatHourMinute;
const shorten = (text: string) => (text.length > REASON_MAX ? `${text.slice(0, REASON_MAX - 1).trimEnd()}…` : text);
const CALLED = { GO: "GO", STOP: "STOPPED", AUTO_STOP: "PAUSED" } as const;

// The newer of the last human decision and the last auto-stop: both are calls the room acts on.
export function latestCall(decision: LatestCall | null, autoStop: LatestCall | null): LatestCall | null {
  if (!decision || !autoStop) return decision ?? autoStop;
  return autoStop.at > decision.at ? autoStop : decision;
}

// "STOPPED by Lena Novak 13:16 UTC — error rate 3 %"
export function callLine(call: LatestCall | null): string {
  if (!call) return "No go/stop call yet";
  const reason = call.reason.trim();
  return `${CALLED[call.verdict]} by ${call.actor} ${clock(call.at)}${reason ? ` — ${shorten(reason)}` : ""}`;
}
