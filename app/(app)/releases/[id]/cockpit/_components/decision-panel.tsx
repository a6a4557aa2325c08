"use client";

import { useState } from "react";
import { recordDecisionAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { StopConfirm } from "@/app/(app)/releases/[id]/cockpit/_components/stop-confirm";
import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { TextArea } from "@/components/ui/form-controls";
import { FormError } from "@/components/ui/form-error";
import { formatDateTime } from "@/lib/format/time";
import type { Cockpit } from "@/lib/releases/cockpit-queries";
import { HeadedSection } from "@/components/ui/section";

interface Props {
  releaseId: string;
  decisions: Cockpit["decisions"];
  canDecide: boolean;
  live: boolean;
  // The release has ended (completed, rolled back, abandoned): no call can come any more.
  ended: boolean;
  stopped: boolean;
  // Who may call Go/Stop, named for those who may not.
  deciders: string;
}

export function DecisionPanel({ releaseId, decisions, canDecide, live, ended, stopped, deciders }: Props) {
  const decide = useMutation(recordDecisionAction);
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const call = (verdict: "GO" | "STOP", flag: "off" | "keep" = "off") =>
    void decide.run({ releaseId, verdict, reason, flag }, () => {
      setReason("");
      setConfirming(false);
    });
  // Stop asks first; a missing reason is said before the confirmation, not after it.
  const askStop = () => {
    if (!reason.trim()) return void call("STOP");
    decide.clearError();
    setConfirming(true);
  };
  return (
    <HeadedSection id="decision-heading" title="Go/stop decision" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      {canDecide && live && (
        <div className="space-y-2">
          <FormError error={decide.error} />
          <TextArea
            label="Reason"
            id="decision-reason"
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            errors={decide.fieldError("reason")}
            hint="Required for Stop. Every decision records all signal values at this instant."
          />
          {stopped && <p className="text-sm font-medium text-red-800">Stopped. Go resumes the deploy; or record how it ended below.</p>}
          {confirming ? (
            <StopConfirm pending={decide.pending} onStop={(flag) => call("STOP", flag)} onCancel={() => setConfirming(false)} />
          ) : (
            <div className="flex gap-2">
              <button
                type="button"
                disabled={decide.pending}
                className={buttonClass("primary", "bg-emerald-600 hover:bg-emerald-700")}
                onClick={() => call("GO")}
              >
                Go
              </button>
              {!stopped && (
                <button type="button" disabled={decide.pending} className={buttonClass("danger")} onClick={askStop}>
                  Stop
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {!canDecide && <p className="text-sm text-slate-600">Go and Stop are called by {deciders}.</p>}
      {!live && decisions.length === 0 && (
        <p className="text-sm text-slate-600">
          {ended ? "No go/stop call was made during this release." : "No go/stop call yet: Go and Stop open once the deploy has started."}
        </p>
      )}
      <ul className="space-y-2 text-sm">
        {decisions.map((d) => (
          <li key={d.id}>
            <Badge tone={d.verdict === "GO" ? "success" : "danger"}>{d.verdict}</Badge> <span className="font-medium">{d.actor.name}</span>{" "}
            <span className="text-slate-500">{formatDateTime(d.createdAt)}</span>
            {d.reason && <span className="block text-slate-700">{d.reason}</span>}
          </li>
        ))}
      </ul>
    </HeadedSection>
  );
}
