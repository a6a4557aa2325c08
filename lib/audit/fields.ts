import { COMPARATOR_SYMBOL, DEPLOY_STYLE_LABEL, FLAG_PROVIDER_LABEL, RELEASE_STATUS_LABEL, UNIT_LABEL } from "@/lib/format/labels";
import { formatDateTime } from "@/lib/format/time";
import { AUTO_ACTION_LABEL } from "@/lib/releases/auto-action";
import { RUNBOOK_ROLE_LABEL, STAGE_LABEL } from "@/lib/releases/template";

// The words a release manager reads for the fields audit events carry (lib/releases/commands,
// lib/flags, lib/auth write them). Events are stored forever, so a field missing here still reads
// as words (camelCase split, SCREAMING_CASE spelled out) rather than as an internal name.

export type Kind =
  | { type: "text" } // short enough to quote in a headline
  | { type: "long" } // prose or code: the headline names the field, the detail table shows it
  | { type: "bool"; words: [off: string, on: string] }
  | { type: "enum"; words?: Record<string, string> }
  | { type: "time" }
  | { type: "number"; suffix?: string }
  | { type: "person" } // a user id: never shown as such, only a name the event carries
  | { type: "hidden" }; // row ids and the like: reachable in the raw event only

export interface FieldSpec {
  label: string;
  kind: Kind;
}

const text: Kind = { type: "text" };
const long: Kind = { type: "long" };
const onOff: Kind = { type: "bool", words: ["off", "on"] };
const yesNo: Kind = { type: "bool", words: ["no", "yes"] };
const time: Kind = { type: "time" };
const person: Kind = { type: "person" };
const hidden: Kind = { type: "hidden" };
const stage: Kind = { type: "enum", words: STAGE_LABEL };
const status: Kind = { type: "enum", words: RELEASE_STATUS_LABEL };
const f = (label: string, kind: Kind): FieldSpec => ({ label, kind });

export const FIELDS: Record<string, FieldSpec> = {
  title: f("Title", text),
  service: f("Service", text),
  summary: f("Summary", long),
  deployStyle: f("Deploy style", { type: "enum", words: DEPLOY_STYLE_LABEL }),
  windowStart: f("Window start", time),
  windowEnd: f("Window end", time),
  flagProvider: f("Flag provider", { type: "enum", words: FLAG_PROVIDER_LABEL }),
  provider: f("Flag provider", { type: "enum", words: FLAG_PROVIDER_LABEL }),
  flagKey: f("Flag key", text),
  key: f("Flag key", text),
  flagEnvironment: f("Flag environment", text),
  environment: f("Flag environment", text),
  decisionOwnerId: f("Decision owner", person),
  backupOwnerId: f("Backup", person),
  targetDatabase: f("Target database", text),
  ownerId: f("Owner", person),
  assigneeId: f("Assignee", person),
  recordedById: f("Recorded by", person),
  autoStopEnabled: f("Auto-stop", onOff),
  autoStopAfter: f("Auto-stop after", { type: "number", suffix: " breaches in a row" }),
  fourEyes: f("Four eyes", onOff),
  enabled: f("Enabled", onOff),
  status: f("Status", status),
  releaseStatus: f("Release status", status),
  statusReason: f("Status reason", long),
  reason: f("Reason", long),
  reassignReason: f("Reassignment reason", long),
  lintOverrideReason: f("Lint override reason", long),
  overrideReason: f("Override reason", long),
  schemaCheck: f("Schema check", long),
  targetPollSeconds: f("Target poll interval", { type: "number", suffix: " s" }),
  businessCycleDays: f("Business cycle", { type: "number", suffix: " days" }),
  proofProblems: f("Contract proofs overridden", long),
  lintErrors: f("Lint errors", { type: "number" }),
  stage: f("Stage", stage),
  nextStage: f("Next stage", stage),
  activeStage: f("Active stage", stage),
  sql: f("SQL", long),
  rollbackNote: f("Rollback note", long),
  exitCriteria: f("Exit criteria", long),
  // A deploy-style change swaps checklist items in the same event (lib/releases/style-checklist.ts).
  checklistAdded: f("Checklist items added", long),
  checklistRemoved: f("Checklist items removed", long),
  text: f("Text", text),
  done: f("Ticked", yesNo),
  isProof: f("Proof item", yesNo),
  position: f("Position", { type: "number" }),
  signalKey: f("Signal key", text),
  signalName: f("Signal", text),
  unit: f("Unit", { type: "enum", words: UNIT_LABEL }),
  comparator: f("Breached when the value is", { type: "enum", words: COMPARATOR_SYMBOL }),
  warnThreshold: f("Warn threshold", { type: "number" }),
  stopThreshold: f("Stop threshold", { type: "number" }),
  windowSeconds: f("Window", { type: "number", suffix: " s" }),
  autoAction: f("Automatic action", { type: "enum", words: AUTO_ACTION_LABEL }),
  performedOn: f("Drill date", text),
  result: f("Result", { type: "enum" }),
  notes: f("Notes", long),
  role: f("Runbook role", { type: "enum", words: RUNBOOK_ROLE_LABEL }),
  flagChanged: f("Flag changed", yesNo),
  error: f("Error", long),
  requestedBy: f("Requested by", text),
  requestedAt: f("Requested at", time),
  expiresAt: f("Expires at", time),
  note: f("Note", long),
  method: f("Sign-in method", text),
  address: f("Address", text),
  // The snapshot has a list of its own (components/audit/change-details.tsx).
  ...Object.fromEntries(
    [
      "id",
      "userId",
      "decisionId",
      "itemId",
      "criterionId",
      "drillId",
      "stepId",
      "requestId",
      "tokenId",
      "webhookId",
      "targetId",
      "targetDatabaseId",
      "incidentId",
      "snapshot",
    ].map((key) => [key, f(key, hidden)]),
  ),
};

const sentenceCase = (words: string) => words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();

export function fieldSpec(name: string): FieldSpec {
  return FIELDS[name] ?? { label: sentenceCase(name.replace(/([a-z0-9])([A-Z])/g, "$1 $2")), kind: { type: "enum" } };
}

export const fieldLabel = (name: string) => fieldSpec(name).label;

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

// One value in words. `names` maps user ids to names when the caller has them.
export function formatFieldValue(spec: FieldSpec, value: unknown, names?: ReadonlyMap<string, string>): string {
  const { kind } = spec;
  if (value === null || value === undefined || value === "") return kind.type === "person" ? "unassigned" : "—";
  if (typeof value === "boolean") return kind.type === "bool" ? kind.words[value ? 1 : 0] : value ? "yes" : "no";
  if (kind.type === "person") return (typeof value === "string" && names?.get(value)) || "a person (id in the raw event)";
  if (typeof value === "number") return `${value.toLocaleString("en-US")}${kind.type === "number" ? (kind.suffix ?? "") : ""}`;
  if (typeof value === "string") {
    if (kind.type === "enum" && kind.words?.[value]) return kind.words[value];
    if (/^[A-Z][A-Z_]+$/.test(value) && kind.type !== "text") return sentenceCase(value.replaceAll("_", " "));
    if ((kind.type === "time" || (kind.type !== "text" && ISO.test(value))) && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value));
    return value;
  }
  // Nested facts (a four-eyes approval, a created flag): their own fields, in words.
  if (typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${fieldLabel(key)}: ${formatFieldValue(fieldSpec(key), inner, names)}`)
      .join(", ");
  }
  return Array.isArray(value) ? value.map((v) => formatFieldValue(spec, v, names)).join(", ") : String(value);
}
