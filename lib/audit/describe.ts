import { changedFieldsPhrase, overrideReason } from "@/lib/audit/diff";
import { formatSpan } from "@/lib/flags/convergence/words";
import { RELEASE_STATUS_LABEL } from "@/lib/format/labels";

// One line of plain words per audit event, for the activity feed, timelines and reports.

const STAGE: Record<string, string> = { EXPAND: "Expand", MIGRATE: "Migrate", CONTRACT: "Contract" };
// Statuses as words inside a sentence ("moved to in progress").
const STATUS: Record<string, string> = Object.fromEntries(Object.entries(RELEASE_STATUS_LABEL).map(([status, label]) => [status, label.toLowerCase()]));

type Json = Record<string, unknown> | null | undefined;

const ROLE_WORD: Record<string, string> = { VIEWER: "viewer", OPERATOR: "operator", ADMIN: "admin" };
const INCIDENT_TRIGGER: Record<string, string> = { STOP: "Stop", AUTO_STOP: "auto-stop", MANUAL: "started by hand" };

const str = (value: unknown) => (typeof value === "string" ? value : value === null || value === undefined ? "" : String(value));

// An event that got past a guard says so and why in its one line, so a reviewer skimming the
// trail sees every exception without opening an event.
export function describeEvent(action: string, before: unknown, after: unknown): string {
  const line = describeAction(action, before, after);
  const override = overrideReason(after);
  return override && !line.includes(override) ? `${line} — override: ${override}` : line;
}

// The line without its override, for lists that show the override's reason beside it.
export function describeAction(action: string, before: unknown, after: unknown): string {
  const b = (before ?? {}) as Json & object;
  const a = (after ?? {}) as Json & object;
  const stage = STAGE[str(a.stage ?? b.stage)] ?? "";
  switch (action) {
    case "release.created":
      return `created the release “${str(a.title)}”`;
    case "release.updated":
      return `changed ${changedFieldsPhrase(b, a) || "nothing"}${a.statusReason ? " (back to draft)" : ""}`;
    case "release.status_changed":
      return `moved the release from ${STATUS[str(b.status)] ?? str(b.status)} to ${STATUS[str(a.status)] ?? str(a.status)}${a.reason ? ` (${str(a.reason)})` : ""}`;
    case "release.deploy_started":
      return `started the deploy; ${STAGE[str(a.activeStage)] ?? "the first stage"} is active`;
    case "stage.updated": {
      const fields = changedFieldsPhrase(b, a);
      return `edited ${stage}${fields ? `: ${fields}` : ""}`;
    }
    case "stage.completed":
      return `completed ${stage}${a.nextStage ? `; ${STAGE[str(a.nextStage)]} is active` : a.releaseStatus === "COMPLETED" ? "; the release is complete" : ""}`;
    // The target watcher's findings (lib/targets/watch/record.ts).
    case "stage.schema_checked":
      return a.message ? `checked ${stage} against the target database: ${str(a.message)}` : `has no schema check for ${stage}`;
    case "contract.proof_changed":
      return a.holds ? `found the old columns unread: ${str(a.proof)}` : `found Contract's proof does not hold: ${str(a.proof)}`;
    case "checklist.item_ticked":
      return `ticked “${str(a.text)}” in ${stage}`;
    case "checklist.item_unticked":
      return `unticked “${str(a.text)}” in ${stage}`;
    case "checklist.item_added":
      return `added “${str(a.text)}” to ${stage}`;
    case "checklist.item_removed":
      return `removed “${str(b.text)}” from ${stage}`;
    case "decision.recorded":
      return a.verdict === "STOP" ? `called STOP: ${str(a.reason)}` : `called GO${a.reason ? `: ${str(a.reason)}` : ""}`;
    case "drill.recorded":
      return `recorded a rollback drill (${str(a.result).toLowerCase()})`;
    case "drill.removed":
      return `removed the rollback drill of ${str(b.performedOn)} (${str(b.result).toLowerCase()})`;
    case "runbook.role_assigned":
      return "assigned a runbook role";
    case "criterion.added":
      return `added the ${str(a.signalName)} criterion`;
    case "criterion.updated": {
      const fields = changedFieldsPhrase(b, a);
      return `changed the ${str(a.signalName)} criterion${fields ? `: ${fields}` : ""}`;
    }
    case "flag.changed":
      return `turned the flag ${a.enabled ? "on" : "off"}${a.fourEyes ? ` (four eyes: approving ${str((a.fourEyes as Record<string, unknown>).requestedBy)}'s request)` : ""}`;
    case "flag.on_requested":
      return "asked to turn the flag on (four eyes: waiting for the backup or an admin)";
    case "flag.on_declined":
      return `declined ${str(a.requestedBy)}'s request to turn the flag on${a.note ? `: ${str(a.note)}` : ""}`;
    case "flag.on_expired":
      return `${str(a.requestedBy)}'s request to turn the flag on expired unanswered`;
    case "flag.flip_failed":
      return `tried to turn the flag ${a.enabled ? "on" : "off"}, but ${str(a.error)}`;
    // The flag watcher's word on a built-in flip (lib/flags/convergence/settle.ts).
    case "flag.converged": {
      const n = Array.isArray(a.consumers) ? a.consumers.length : 0;
      return `saw ${n === 1 ? "the only consumer" : `all ${n} consumers`} read ${a.enabled ? "ON" : "OFF"} ${formatSpan(Number(a.elapsedMs))} after the flip`;
    }
    case "flag.not_converged":
      return `could not confirm every consumer has the flip: ${str(a.reason)}`;
    // The backfill switch (lib/flags/backfill/switch.ts): an automatic pause says why in its line;
    // a person's reason joins the line in the feed (describeForFeed) and sits beside it elsewhere.
    case "backfill.paused":
      return a.auto && a.reason ? `paused the backfill: ${str(a.reason)}` : "paused the backfill";
    case "pipeline.gate_passed":
      return `passed the ${stage} gate: the pipeline may deploy ${stage}`;
    case "backfill.resumed":
      return a.auto && a.reason ? `resumed the backfill: ${str(a.reason)}` : "resumed the backfill";
    // The flip itself is its own event (flag.changed or flag.flip_failed): this one is the pause.
    case "release.auto_stopped":
      return a.flagChanged === false
        ? `paused the release after a stop breach, but could not turn the flag off: ${str(a.reason)}`
        : `paused the release after a stop breach: ${str(a.reason)}`;
    case "auth.sign_in_failures_started":
      return `failed sign-ins began (${str(a.email)} from ${str(a.address)})`;
    case "auth.sign_in_failures":
      return `${str(a.failures)} failed sign-ins in 15 minutes${Array.isArray(a.lockedAccounts) && a.lockedAccounts.length ? `; locked ${a.lockedAccounts.join(", ")}` : ""}`;
    case "user.sessions_ended":
      return `ended all sessions of ${str(a.email)} (${str(a.ended)})`;
    case "incident.started":
      return `started the first ten minutes (${INCIDENT_TRIGGER[str(a.trigger)] ?? "incident"}): ${str(a.reason)}`;
    case "incident.step_ticked":
      return a.auto ? `read the flag OFF from the provider: “${str(a.text)}” is done` : `ticked “${str(a.text)}” in the first ten minutes`;
    case "incident.step_unticked":
      return `unticked “${str(a.text)}” in the first ten minutes`;
    case "incident.ended":
      return `ended the first ten minutes (${str(a.why)}): ${str(a.stepsDone)} of ${str(a.steps)} steps done`;
    case "note.added":
      return `noted: ${str(a.text)}`;
    case "review.summary_saved":
      return "saved the review";
    case "review.follow_up_added":
      return `added the follow-up “${str(a.text)}”${a.owner ? ` for ${str(a.owner)}` : ""}`;
    case "review.follow_up_removed":
      return `removed the follow-up “${str(b.text)}”`;
    case "user.created":
      return `created the account ${str(a.email)} (${ROLE_WORD[str(a.role)] ?? str(a.role)})`;
    case "user.role_changed":
      return `changed the role of ${str(a.email ?? b.email)} from ${ROLE_WORD[str(b.role)] ?? str(b.role)} to ${ROLE_WORD[str(a.role)] ?? str(a.role)}`;
    case "user.role_source_changed":
      return `noted that the role of ${str(a.email)} (${ROLE_WORD[str(a.role)] ?? str(a.role)}) now comes from the identity provider (${a.group ? str(a.group) : "no mapped group"})`;
    case "user.disabled":
      return `disabled the account ${str(a.email)}${a.endedSessions ? ` and ended its ${str(a.endedSessions)} sessions` : ""}`;
    case "user.enabled":
      return `enabled the account ${str(a.email)}`;
    case "user.contact_changed":
      return a.contact ? `set their contact to “${str(a.contact)}”` : "removed their contact";
    case "target.added":
      return `added the target database “${str(a.name)}” (${str(a.url)})`;
    case "target.tested":
      return `tested the connection to “${str(a.name)}”: ${str(a.message)}`;
    case "target.removed":
      return `removed the target database “${str(b.name)}”`;
    default:
      return action.replaceAll("_", " ").replace(".", ": ");
  }
}

const FLIPS = new Set(["flag.changed", "flag.on_requested", "flag.flip_failed", "backfill.paused", "backfill.resumed"]);

// The activity feed has one line per event and no "Why" column (timelines and reports show the
// reason beside describeEvent), so the reason of a flip (of the kill switch or the backfill
// switch) joins its line there. A Stop's flip carries "Stop: <why>" and reads as part of the Stop;
// a four-eyes approval's reason only repeats its request, which the line already names.
export function describeForFeed(action: string, before: unknown, after: unknown): string {
  const line = describeEvent(action, before, after);
  const a = (after ?? {}) as Record<string, unknown>;
  const why = str(a.reason);
  if (!FLIPS.has(action) || !why || a.fourEyes || line.includes(why)) return line;
  return why.startsWith("Stop: ") ? `${line} as part of the ${why}` : `${line}: ${why}`;
}
