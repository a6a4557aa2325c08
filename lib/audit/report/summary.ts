import { describeBreachToOff, type BreachToOff } from "@/lib/audit/report/breach-to-off";
import { formatDuration, type StageDuration } from "@/lib/audit/report/durations";
import { formatInstant } from "@/lib/format/time";
import { flipRecords } from "@/lib/audit/report/kinds";
import { field, type AuditEntry } from "@/lib/audit/report/types";
import { RELEASE_STATUS_LABEL } from "@/lib/format/labels";
import { STAGE_LABEL, type StageKindName } from "@/lib/releases/template";

// The report's opening paragraph: the deploy in a handful of sentences, each derived from the
// audit trail rather than typed up afterwards.

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const stageName = (kind: string) => STAGE_LABEL[kind as StageKindName] ?? kind;

export function stageSentence(durations: readonly StageDuration[]): string {
  if (durations.length === 0) return "The plan has no stages.";
  const parts = durations.map((d) => {
    const name = stageName(d.kind);
    if (d.state === "not started") return `${name} did not start`;
    if (d.state === "active") return `${name} is still active (${formatDuration(d.ms)} so far)`;
    return d.ms === null ? `${name} is done (start not recorded)` : `${name} took ${formatDuration(d.ms)}`;
  });
  return `${parts.join("; ")}.`;
}

function decisionSentence(events: readonly AuditEntry[]): string {
  const verdicts = events.filter((e) => e.action === "decision.recorded").map((e) => field(e.after, "verdict"));
  if (verdicts.length === 0) return "No Go/Stop decision was recorded.";
  const go = verdicts.filter((v) => v === "GO").length;
  return `${plural(verdicts.length, "decision")}: ${go} GO, ${verdicts.length - go} STOP.`;
}

// Counts the flip table's rows (flipRecords), so the sentence and the table always agree.
function flipSentence(events: readonly AuditEntry[]): string {
  const flips = flipRecords(events);
  const applied = flips.filter((e) => e.action === "flag.changed");
  const failed = flips.length - applied.length;
  const autoStops = events.filter((e) => e.action === "release.auto_stopped").length;
  const off = applied.filter((e) => field(e.after, "enabled") === false).length;
  const parts = [applied.length ? `${plural(applied.length, "flag flip")} (${off} off, ${applied.length - off} on)` : "No flag flips"];
  if (failed) parts.push(`${plural(failed, "failed attempt")}`);
  if (autoStops) parts.push(`auto-stop fired ${autoStops === 1 ? "once" : `${autoStops} times`}`);
  return `${parts.join("; ")}.`;
}

export interface SummaryInput {
  status: keyof typeof RELEASE_STATUS_LABEL;
  finishedAt: number | null;
  events: readonly AuditEntry[];
  durations: readonly StageDuration[];
  breachToOff: BreachToOff;
}

export function timelineSummary({ status, finishedAt, events, durations, breachToOff }: SummaryInput): string[] {
  const started = events.find((e) => e.action === "release.deploy_started");
  if (!started) return ["The deploy has not started.", `Status: ${RELEASE_STATUS_LABEL[status]}.`];
  return [
    `Deploy started ${formatInstant(started.at)} by ${started.actorLabel}.`,
    stageSentence(durations),
    decisionSentence(events),
    flipSentence(events),
    describeBreachToOff(breachToOff),
    finishedAt === null ? `Status: ${RELEASE_STATUS_LABEL[status]}.` : `Status: ${RELEASE_STATUS_LABEL[status]}, finished ${formatInstant(finishedAt)}.`,
  ];
}
