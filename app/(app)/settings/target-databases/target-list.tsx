"use client";

import { useState } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { DataTable } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/time";
import type { TargetRow } from "@/lib/targets/queries";
import { removeTargetAction, testTargetAction } from "./actions";

function LastTest({ target }: { target: TargetRow }) {
  if (!target.lastTestedAt) return <span className="text-slate-500">Not tested yet</span>;
  return (
    <>
      <Badge tone={target.lastTestOk ? "success" : "danger"}>{target.lastTestOk ? "Answered" : "Did not answer"}</Badge>
      <span className="mt-1 block">{target.lastTestMessage}</span>
      <span className="block text-xs text-slate-500">Tested {formatDateTime(target.lastTestedAt)}</span>
    </>
  );
}

export function TargetList({ targets }: { targets: TargetRow[] }) {
  const test = useMutation(testTargetAction);
  const remove = useMutation(removeTargetAction);
  // Which row's button was pressed, so only its button says it is busy.
  const [busy, setBusy] = useState<string | null>(null);
  const run = (action: typeof test | typeof remove, targetId: string) => {
    setBusy(targetId);
    void action.run({ targetId }).finally(() => setBusy(null));
  };
  if (targets.length === 0) return <p className="text-sm text-slate-600">No target databases yet.</p>;
  return (
    <div className="space-y-2">
      <FormError error={test.error ?? remove.error} />
      <DataTable columns={[{ label: "Name" }, { label: "Connection" }, { label: "Last test" }, { label: "Actions", srOnly: true }]} label="Target databases">
        {targets.map((t) => (
          <tr key={t.id}>
            <td className="px-3 py-2 font-medium">{t.name}</td>
            <td className="px-3 py-2 break-all font-mono text-xs">{t.url}</td>
            <td className="px-3 py-2" aria-live="polite">
              <LastTest target={t} />
            </td>
            <td className="space-x-2 whitespace-nowrap px-3 py-2 text-right">
              <button
                type="button"
                className={buttonClass("secondary", "py-1 text-xs")}
                disabled={busy !== null}
                onClick={() => run(test, t.id)}
                aria-label={`Test connection to ${t.name}`}
              >
                {busy === t.id && test.pending ? "Testing…" : "Test connection"}
              </button>
              <button
                type="button"
                className={buttonClass("danger", "py-1 text-xs")}
                disabled={busy !== null}
                onClick={() => run(remove, t.id)}
                aria-label={`Remove ${t.name}`}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
