import { Badge, type Tone } from "@/components/ui/badge";
import type { Finding } from "@/lib/lint/types";

const SEVERITY: Record<Finding["severity"], { tone: Tone; label: string }> = {
  error: { tone: "danger", label: "Error" },
  warning: { tone: "warning", label: "Warning" },
  proof: { tone: "info", label: "Proof required" },
};

export function LintFindings({
  stageLabel,
  findings,
  checking,
  failure,
}: {
  stageLabel: string;
  findings: Finding[] | null;
  checking?: boolean;
  failure?: string | null;
}) {
  return (
    <div role="region" aria-label={`${stageLabel} findings`} aria-live="polite" className="space-y-2">
      <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-800">
        Migration risk check {checking && <span className="text-xs font-normal text-slate-500">checking…</span>}
      </h3>
      {failure && <p className="text-sm text-red-700">{failure}</p>}
      {findings && findings.length === 0 && !failure && <p className="text-sm text-emerald-800">No findings.</p>}
      <ul className="space-y-2">
        {findings?.map((finding, index) => (
          <li key={`${finding.rule}-${finding.line}-${index}`} className="rounded-md border border-slate-200 p-2 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={SEVERITY[finding.severity].tone}>{SEVERITY[finding.severity].label}</Badge>
              <span className="font-mono text-xs text-slate-600">
                line {finding.line} · {finding.rule}
              </span>
            </div>
            <p className="mt-1 text-slate-900">{finding.message}</p>
            {finding.advice && <p className="mt-0.5 text-slate-600">{finding.advice}</p>}
          </li>
        ))}
      </ul>
    </div>
  );
}
