"use client";

import { acknowledgeAutoStopAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatTime } from "@/lib/format/time";

export function AutoStopBanner({
  releaseId,
  at,
  reason,
  flagChanged,
  canAcknowledge,
}: {
  releaseId: string;
  at: string;
  reason: string;
  flagChanged: boolean;
  canAcknowledge: boolean;
}) {
  const ack = useMutation(acknowledgeAutoStopAction);
  return (
    <div role="alert" className="space-y-2 rounded-lg border-2 border-red-600 bg-red-50 px-4 py-3 text-red-900">
      <p className="font-semibold">
        {flagChanged ? "Switchback auto-stop turned the flag off" : "Switchback auto-stop could not turn the flag off — turn it off by hand"} at{" "}
        {formatTime(new Date(at))}.
      </p>
      <p className="text-sm">{reason}. The release is paused until the decision owner or the backup acknowledges.</p>
      <FormError error={ack.error} />
      {canAcknowledge && (
        <button type="button" disabled={ack.pending} className={buttonClass("danger")} onClick={() => void ack.run({ releaseId })}>
          Acknowledge auto-stop
        </button>
      )}
    </div>
  );
}
