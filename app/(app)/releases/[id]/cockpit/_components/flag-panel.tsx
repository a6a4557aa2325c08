"use client";

import { useState } from "react";
import { ConsumersLine } from "@/app/(app)/releases/[id]/cockpit/_components/consumers-line";
import { FlipConfirm } from "@/app/(app)/releases/[id]/cockpit/_components/flip-confirm";
import { FlagOnRequest, type PendingRequestView } from "@/app/(app)/releases/[id]/cockpit/_components/flag-on-request";
import { useRouter } from "next/navigation";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { FlagPanelState } from "@/lib/flags/read-state";
import { formatTime } from "@/lib/format/time";
import { postAction } from "@/lib/http/post-action";

const time = (iso: string) => formatTime(new Date(iso));

interface FlipInput {
  expected: boolean;
  reason?: string;
}
// The flip's answer as JSON (lib/flags/commands.ts): a four-eyes request instead of a flip names it.
interface FlipAnswer {
  enabled: boolean;
  pendingApproval?: { requestId: string; expiresAt: string };
}

interface Props {
  releaseId: string;
  flag: FlagPanelState;
  canTurnOff: boolean;
  canTurnOn: boolean;
  fourEyes: boolean;
  pending: PendingRequestView | null;
}

export function FlagPanel({ releaseId, flag, canTurnOff, canTurnOn, fourEyes, pending }: Props) {
  const router = useRouter();
  // The flips post to their JSON route, which the server answers in its fast lane (lib/http/flip-lane.ts):
  // a server action would first spend tens of milliseconds in Next.js, on the one click that must be quick.
  const off = useMutation((input: FlipInput) => postAction<FlipAnswer>(`/api/v1/releases/${releaseId}/flag/off`, input));
  const on = useMutation((input: FlipInput) => postAction<FlipAnswer>(`/api/v1/releases/${releaseId}/flag/on`, input));
  // Which flip waits for its confirmation, if any.
  const [confirming, setConfirming] = useState<"on" | "off" | null>(null);
  // A flip does not re-render the page in its answer (lib/flags/commands.ts says why); what the
  // server confirmed shows at once, until the live refresh brings a newer reading of the flag.
  const [confirmed, setConfirmed] = useState<{ enabled: boolean; over: string } | null>(null);
  const enabled = confirmed?.over === flag.readAt ? confirmed.enabled : flag.enabled;
  const error = off.error ?? on.error;
  const state = enabled === null ? "unknown" : enabled ? "ON" : "OFF";
  return (
    <section
      id="kill-switch"
      tabIndex={-1}
      aria-labelledby="flag-heading"
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
    >
      <h2 id="flag-heading" className="text-lg font-semibold">
        Kill switch
      </h2>
      <p className="text-sm text-slate-700">
        <span className="font-mono">{flag.key || "—"}</span> in {flag.environment} · {flag.provider}
      </p>
      <p aria-label="Flag state" className={`text-2xl font-bold ${enabled ? "text-emerald-700" : enabled === false ? "text-red-700" : "text-slate-600"}`}>
        Flag is {state}
      </p>
      <p className="text-xs text-slate-500">
        Read from {flag.provider} at {time(flag.readAt)}
        {flag.changedBy && `; last changed by ${flag.changedBy}${flag.changedAt ? ` at ${time(flag.changedAt)}` : ""}`}
      </p>
      {flag.problem && <p className="text-sm text-red-700">{flag.problem}</p>}
      {/* Each server render reads the flag anew (router.refresh after every audit event, a flip's included). */}
      {flag.key && <ConsumersLine releaseId={releaseId} refreshKey={flag.readAt} />}
      <FormError error={error} />
      {enabled === true && canTurnOff && confirming === null && (
        <button
          type="button"
          className={buttonClass("danger", "w-full")}
          onClick={() => {
            off.clearError();
            setConfirming("off");
          }}
        >
          Turn flag off
        </button>
      )}
      {confirming !== null && (
        <FlipConfirm
          next={confirming === "on"}
          environment={flag.environment}
          fourEyes={fourEyes}
          pending={confirming === "on" ? on.pending : off.pending}
          onCancel={() => setConfirming(null)}
          onConfirm={(reason) =>
            void (confirming === "on" ? on : off)
              .run({ expected: confirming !== "on", reason }, (data) => {
                if (data.pendingApproval) router.refresh();
                else setConfirmed({ enabled: data.enabled, over: flag.readAt });
              })
              .then((ok) => {
                setConfirming(null);
                // A refusal (the flag was already flipped elsewhere, the provider said no) records
                // no event for the live refresh to follow: read the flag again now.
                if (!ok) router.refresh();
              })
          }
        />
      )}
      {pending && <FlagOnRequest releaseId={releaseId} request={pending} />}
      {enabled === false && canTurnOn && !pending && confirming === null && (
        <button
          type="button"
          className={buttonClass("primary", "w-full")}
          onClick={() => {
            on.clearError();
            setConfirming("on");
          }}
        >
          Turn flag on
        </button>
      )}
      {fourEyes && !pending && <p className="text-xs text-slate-500">Four eyes: turning the flag on needs a second person.</p>}
    </section>
  );
}
