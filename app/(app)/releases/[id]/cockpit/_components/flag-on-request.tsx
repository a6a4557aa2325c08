"use client";

import { approveFlagOnAction, declineFlagOnAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatHourMinute } from "@/lib/format/time";

const time = (iso: string) => formatHourMinute(new Date(iso));

export interface PendingRequestView {
  id: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  // The viewer may answer it: the backup or an admin, and not the person who asked.
  canAnswer: boolean;
}

// A four-eyes request to turn the flag on, shown on every cockpit watching the release.
export function FlagOnRequest({ releaseId, request }: { releaseId: string; request: PendingRequestView }) {
  const approve = useMutation(approveFlagOnAction);
  const decline = useMutation(declineFlagOnAction);
  const busy = approve.pending || decline.pending;
  return (
    <div role="status" aria-label="Flag-on request" className="space-y-2 rounded-md bg-amber-50 p-3 ring-1 ring-amber-600/30">
      <p className="text-sm font-semibold text-amber-900">
        {request.requestedBy} asked to turn the flag on at {time(request.requestedAt)}
      </p>
      <p className="text-xs text-amber-900">Four eyes: the backup or an admin approves it before {time(request.expiresAt)}, or it expires.</p>
      <FormError error={approve.error ?? decline.error} />
      {request.canAnswer && (
        <div className="flex gap-2">
          <button type="button" disabled={busy} className={buttonClass("primary")} onClick={() => void approve.run({ releaseId, requestId: request.id })}>
            {approve.pending ? "Approving…" : "Approve flag on"}
          </button>
          <button type="button" disabled={busy} className={buttonClass("secondary")} onClick={() => void decline.run({ releaseId, requestId: request.id })}>
            {decline.pending ? "Declining…" : "Decline"}
          </button>
        </div>
      )}
    </div>
  );
}
