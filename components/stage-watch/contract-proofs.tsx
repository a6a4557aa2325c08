"use client";

import { useEffect, useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatMoment } from "@/lib/proofs/format";
import { proofContextOf, type ContractProofFields } from "@/lib/proofs/select";
import { COMPUTED_PROOF_LABEL, type ComputedProof } from "@/lib/proofs/state";
import { proofView, type ProofView } from "@/lib/proofs/view";

// Contract's computed proofs, "Old columns unread" and "Business cycle passed", on the cockpit and
// in the plan's checklist: what Switchback read from the target's pg_stat_statements and how long
// the cycle has left, in words; the badge says the same, colour is never the only cue.

export type ContractProofStage = ContractProofFields & { checklistItems: { computedProof: string | null }[] };

// Durations move on their own: redraw twice a minute.
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface ItemWords {
  tone: Tone;
  word: string;
  text: string;
}

export function computedItemWords(kind: ComputedProof, view: ProofView): ItemWords {
  if (kind === "business_cycle") {
    if (!view.cycle.computable) return { tone: "neutral", word: "Ticked by hand", text: "No target database: the business cycle is ticked by a person." };
    return { tone: view.cycle.passed ? "success" : "neutral", word: view.cycle.passed ? "Holds" : "Waiting", text: view.cycle.line };
  }
  const { unread } = view;
  if (!unread.computable) return { tone: "neutral", word: "Ticked by hand", text: unread.summary };
  // Not read yet (the target has not answered, or the watcher has not looked): it does not hold.
  if (unread.ok === null) return { tone: "warning", word: "Not known yet", text: unread.summary };
  return { tone: unread.ok ? "success" : "danger", word: unread.ok ? "Holds" : "Still read", text: unread.summary };
}

/**
 * A computed checklist item in place of its tick box, while Switchback computes it: its state in a
 * word, and the sentence as the tooltip. The sentence itself is on the proof lines above the
 * checklist (ContractProofs), which every page that lists the items also shows.
 */
export function ComputedProofItem({ kind, text, stage }: { kind: ComputedProof; text: string; stage: ContractProofFields }) {
  const now = useMinuteClock();
  const words = computedItemWords(kind, proofView(proofContextOf(stage), now));
  return (
    <div className="flex-1" data-testid={`computed-proof-${kind}`} title={words.text} suppressHydrationWarning>
      <p>
        {text} <Badge tone="info">Computed</Badge> <Badge tone={words.tone}>{words.word}</Badge>
      </p>
    </div>
  );
}

export const computableKinds = (stage: ContractProofFields, now = new Date()) => proofView(proofContextOf(stage), now).computable;

function UnreadDetails({ view }: { view: ProofView }) {
  const { unread } = view;
  if (!unread.computable) return null;
  return (
    <div className="space-y-1 pl-4">
      {unread.notes.map((note) => (
        <p key={note} className="break-words text-xs text-amber-900">
          {note}
        </p>
      ))}
      {unread.lines.map((line) => (
        <div key={line.name} className="space-y-0.5">
          {unread.lines.length > 1 && <p className="break-words text-slate-700">{line.line}</p>}
          {line.statements.length > 0 && (
            <ul className="space-y-0.5 text-xs" aria-label={`Statements that read ${line.name}`}>
              {line.statements.map((statement) => (
                <li key={statement.key} className="flex flex-wrap items-baseline gap-x-2">
                  {statement.query && <code className="min-w-0 break-all rounded bg-slate-100 px-1 py-0.5 text-slate-800">{statement.query}</code>}
                  <span className="text-slate-600" suppressHydrationWarning>
                    {statement.calls} call{statement.calls === 1 ? "" : "s"} since reads switched
                    {statement.lastCalledAt ? `, last seen running at ${formatMoment(statement.lastCalledAt)}` : ""}
                    {statement.reading ? ", still running" : ""}
                  </span>
                  {statement.note && <span className="text-amber-900">{statement.note}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

export function ContractProofs({ stage }: { stage: ContractProofStage }) {
  const now = useMinuteClock();
  const view = proofView(proofContextOf(stage), now);
  // Listed when the checklist has their items, and always where Switchback judges them (the gate does, item or not).
  const kinds = new Set([
    ...view.computable,
    ...stage.checklistItems.map((item) => item.computedProof).filter((k): k is ComputedProof => k === "old_columns_unread" || k === "business_cycle"),
  ]);
  if (kinds.size === 0) return null;
  return (
    <div className="space-y-2 text-sm" data-testid="contract-proofs">
      {(["old_columns_unread", "business_cycle"] as const)
        .filter((kind) => kinds.has(kind))
        .map((kind) => {
          const words = computedItemWords(kind, view);
          return (
            <div key={kind} className="space-y-1">
              <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <span className="font-semibold text-slate-800">{COMPUTED_PROOF_LABEL[kind]}</span>
                <Badge tone={words.tone}>{words.word}</Badge>
                <span className="min-w-0 break-words text-slate-700" suppressHydrationWarning>
                  {words.text}
                </span>
              </p>
              {kind === "old_columns_unread" && <UnreadDetails view={view} />}
            </div>
          );
        })}
      {stage.proofOverrideReason && (
        <p className="break-words text-xs text-slate-600">Completed over failing proofs, with the reason: “{stage.proofOverrideReason}”</p>
      )}
    </div>
  );
}
