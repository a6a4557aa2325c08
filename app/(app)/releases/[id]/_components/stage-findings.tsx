"use client";

import { use } from "react";
import { LintFindings } from "@/app/(app)/releases/[id]/_components/lint-findings";
import type { Finding } from "@/lib/lint/types";

// A stage's findings as the page's readiness run found them; the page streams them in when squawk
// has answered, and LintPending stands in meanwhile (same region, so e2e selectors find either).

export function StageFindings({ stageLabel, findings }: { stageLabel: string; findings: Promise<Finding[]> }) {
  return <LintFindings stageLabel={stageLabel} findings={use(findings)} />;
}

export function LintPending({ stageLabel }: { stageLabel: string }) {
  return (
    <div role="region" aria-label={`${stageLabel} findings`} aria-busy="true" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">Migration risk check</h3>
      <p className="text-sm text-slate-600">Checking the SQL with squawk…</p>
    </div>
  );
}
