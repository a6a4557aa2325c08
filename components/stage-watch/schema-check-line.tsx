import { Badge, type Tone } from "@/components/ui/badge";
import { formatHourMinute } from "@/lib/format/time";
import { STAGE_LABEL, type StageKindName } from "@/lib/releases/template";
import { asSchemaCheck, type SchemaCheckState } from "@/lib/verify/schema-check";

// A stage's "Schema check" line, on the plan and in the cockpit: the target's catalog against what
// the stage's SQL says it does (lib/verify/). Green verified; amber while the active stage's SQL is
// simply not applied yet (the normal state before someone runs it) or the target could not be
// checked; red for what needs someone (an invalid index, an unvalidated constraint, a stage
// completed over a failing check); grey when there is nothing to check. The words always say which,
// colour is never the only cue. Wraps on a phone rather than truncating: the sentence is the point.

const BADGE: Record<SchemaCheckState, { tone: Tone; word: string }> = {
  verified: { tone: "success", word: "Verified" },
  failing: { tone: "warning", word: "Not applied" },
  unchecked: { tone: "warning", word: "Could not check" },
};

export interface SchemaCheckLineProps {
  kind: StageKindName;
  status: "PENDING" | "ACTIVE" | "DONE";
  // stages.schema_check as stored (jsonb).
  check: unknown;
  overrideReason: string | null;
  // The release's target database, null when it names none.
  database: string | null;
}

function words({ kind, status, check, database }: SchemaCheckLineProps): { tone: Tone; word: string; text: string } {
  const stage = STAGE_LABEL[kind];
  const stored = asSchemaCheck(check);
  if (stored) {
    const broken = stored.objects.some((o) => o.found === "invalid" || o.found === "not_validated");
    const { tone, word } =
      stored.state === "failing" && (broken || status === "DONE")
        ? { tone: "danger" as const, word: broken ? "Needs attention" : "Not applied" }
        : (BADGE[stored.state] ?? (stored.ok ? BADGE.verified : BADGE.failing));
    // A verified sentence says when; the others are followed by it.
    const text = stored.ok ? stored.message : `${stored.message} (checked ${formatHourMinute(new Date(stored.checkedAt))})`;
    return { tone, word, text };
  }
  if (!database) return { tone: "neutral", word: "Not checked", text: "No target database: the schema is not checked." };
  if (kind === "MIGRATE") return { tone: "neutral", word: "No check", text: "Migrate has no schema check: its SQL signals speak for it." };
  if (status === "PENDING") return { tone: "neutral", word: "Not yet", text: `${database} is checked once ${stage} is active.` };
  if (status === "ACTIVE") return { tone: "neutral", word: "Not yet", text: `Not checked in ${database} yet (SQL that adds or drops nothing has no check).` };
  return { tone: "neutral", word: "No check", text: `${stage}'s SQL adds and drops nothing the catalog can show.` };
}

// A stage as the plan and the cockpit load it (lib/releases/queries.ts, cockpit-queries.ts).
export interface StageWithCheck {
  kind: StageKindName;
  status: SchemaCheckLineProps["status"];
  schemaCheck: unknown;
  schemaOverrideReason: string | null;
  release: { targetDatabase: { name: string } | null };
}

export function SchemaCheckLine({ stage }: { stage: StageWithCheck }) {
  const props: SchemaCheckLineProps = {
    kind: stage.kind,
    status: stage.status,
    check: stage.schemaCheck,
    overrideReason: stage.schemaOverrideReason,
    database: stage.release.targetDatabase?.name ?? null,
  };
  const { tone, word, text } = words(props);
  return (
    <div className="space-y-1 text-sm" data-testid={`schema-check-${props.kind.toLowerCase()}`}>
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <span className="font-semibold text-slate-800">Schema check</span>
        <Badge tone={tone}>{word}</Badge>
        <span className="min-w-0 break-words text-slate-700">{text}</span>
      </p>
      {props.overrideReason && <p className="break-words text-xs text-slate-600">Completed over a failing check, with the reason: “{props.overrideReason}”</p>}
    </div>
  );
}
