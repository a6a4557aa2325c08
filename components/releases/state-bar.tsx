import type { ReactNode } from "react";
import type { FlagPanelState } from "@/lib/flags/read-state";
import { callLine, flagWord, statusWord, type ReleaseStatus } from "@/lib/releases/state-line";
import type { ReleaseStateView } from "@/lib/releases/state-queries";

// One line that answers "where are we?" at the top of the plan and the cockpit: status, stage,
// the flag as the provider reads it, and the latest call. Server-rendered: the cockpit's
// router.refresh() on every audit event re-renders it, so it is live there without a client.

const STATUS_LOOK: Record<ReleaseStatus, string> = {
  DRAFT: "bg-slate-600",
  READY: "bg-sky-700",
  IN_PROGRESS: "bg-amber-600",
  PAUSED: "bg-red-700",
  STOPPED: "bg-red-700",
  COMPLETED: "bg-emerald-700",
  ROLLED_BACK: "bg-red-800",
  ABANDONED: "bg-slate-600",
};

const FLAG_LOOK = { ON: "text-emerald-800", OFF: "text-red-800", UNKNOWN: "text-slate-700" } as const;

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold uppercase tracking-wider text-slate-600">{term}</dt>
      <dd className="font-semibold text-slate-900">{children}</dd>
    </div>
  );
}

export function StateBar({ state, flag }: { state: ReleaseStateView; flag: FlagPanelState }) {
  const flagState = flagWord(flag.enabled);
  return (
    <section
      role="status"
      aria-label="Release state"
      className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
    >
      <p className={`rounded-md px-3 py-1.5 text-2xl font-extrabold tracking-wide text-white ${STATUS_LOOK[state.status]}`}>{statusWord(state.status)}</p>
      <dl className="flex min-w-0 flex-1 flex-wrap gap-x-6 gap-y-2">
        <Item term="Stage">{state.stage}</Item>
        <Item term="Flag">
          <span className={FLAG_LOOK[flagState]}>{flagState}</span>
          <span className="font-normal text-slate-600"> · read from {flag.provider}</span>
        </Item>
        {/* Only when it matters: a paused backfill is a state the room must see; a running one is the norm. */}
        {state.backfillPaused && (
          <Item term="Backfill">
            <span className="text-red-800">PAUSED</span>
          </Item>
        )}
        <Item term="Latest call">
          <span className="break-words">{callLine(state.call)}</span>
        </Item>
      </dl>
    </section>
  );
}
