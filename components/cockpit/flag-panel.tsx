"use client";

import { useState } from "react";
import { turnFlagOffAction, turnFlagOnAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { FlagOnRequest, type PendingRequestView } from "@/components/cockpit/flag-on-request";
import { useMutation } from "@/components/plan/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { FlagPanelState } from "@/lib/flags/read-state";

const time = (iso: string) => `${iso.slice(11, 19)} UTC`;

interface Props {
  releaseId: string;
  flag: FlagPanelState;
  canTurnOff: boolean;
  canTurnOn: boolean;
  fourEyes: boolean;
  pending: PendingRequestView | null;
}

export function FlagPanel({ releaseId, flag, canTurnOff, canTurnOn, fourEyes, pending }: Props) {
  const off = useMutation(turnFlagOffAction);
  const on = useMutation(turnFlagOnAction);
  const [confirming, setConfirming] = useState(false);
  const error = off.error ?? on.error;
  const state = flag.enabled === null ? "unknown" : flag.enabled ? "ON" : "OFF";
  return (
    <section aria-labelledby="flag-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id="flag-heading" className="text-lg font-semibold">
        Kill switch
      </h2>
      <p className="text-sm text-slate-700">
        <span className="font-mono">{flag.key || "—"}</span> in {flag.environment} · {flag.provider}
      </p>
      <p aria-label="Flag state" className={`text-2xl font-bold ${flag.enabled ? "text-emerald-700" : flag.enabled === false ? "text-red-700" : "text-slate-600"}`}>
        Flag is {state}
      </p>
      <p className="text-xs text-slate-500">
        Read from {flag.provider} at {time(flag.readAt)}
        {flag.changedBy && `; last changed by ${flag.changedBy}${flag.changedAt ? ` at ${time(flag.changedAt)}` : ""}`}
      </p>
      {flag.problem && <p className="text-sm text-red-700">{flag.problem}</p>}
      <FormError error={error} />
      {flag.enabled === true && canTurnOff && !confirming && (
        <button type="button" className={buttonClass("danger", "w-full")} onClick={() => { off.clearError(); setConfirming(true); }}>
          Turn flag off
        </button>
      )}
      {confirming && (
        <div role="group" aria-label="Confirm turning the flag off" className="space-y-2 rounded-md bg-red-50 p-3 ring-1 ring-red-600/20">
          <p className="text-sm text-red-900">Everyone in {flag.environment} goes back to the old path at once.</p>
          <div className="flex gap-2">
            <button type="button" disabled={off.pending} className={buttonClass("danger")} onClick={() => void off.run({ releaseId, expected: true }).then(() => setConfirming(false))}>
              {off.pending ? "Turning off…" : "Yes, turn it off"}
            </button>
            <button type="button" className={buttonClass("ghost")} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {pending && <FlagOnRequest releaseId={releaseId} request={pending} />}
      {flag.enabled === false && canTurnOn && !pending && (
        <button type="button" disabled={on.pending} className={buttonClass("primary", "w-full")} onClick={() => void on.run({ releaseId, expected: false })}>
          {on.pending ? (fourEyes ? "Asking…" : "Turning on…") : "Turn flag on"}
        </button>
      )}
      {fourEyes && !pending && <p className="text-xs text-slate-500">Four eyes: turning the flag on needs a second person.</p>}
    </section>
  );
}
