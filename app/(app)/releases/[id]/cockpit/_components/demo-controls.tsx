"use client";

import { setDemoRegressionAction } from "@/app/(app)/releases/[id]/cockpit/actions";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

export function DemoControls({ releaseId, regressed, canEdit }: { releaseId: string; regressed: boolean; canEdit: boolean }) {
  const toggle = useMutation(setDemoRegressionAction);
  return (
    <aside aria-label="Demo data" className="flex flex-wrap items-center gap-3 rounded-lg border border-sky-300 bg-sky-50 px-4 py-2 text-sm text-sky-900">
      <span>
        {/* With the demo's shop database, some tiles are real readings: say which are not. */}
        <strong>Demo data.</strong> Signals marked &ldquo;demo data&rdquo; come from Switchback&apos;s built-in generator, not from a real system.
      </span>
      {canEdit && (
        <button
          type="button"
          disabled={toggle.pending}
          className={buttonClass(regressed ? "secondary" : "danger", "py-1")}
          onClick={() => void toggle.run({ releaseId, on: !regressed })}
        >
          {regressed ? "Clear the regression" : "Inject regression"}
        </button>
      )}
      <FormError error={toggle.error} />
    </aside>
  );
}
