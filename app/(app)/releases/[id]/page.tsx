import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CriteriaSection } from "@/components/plan/criteria-section";
import { DrillsSection } from "@/components/plan/drills-section";
import { ReleaseSummary } from "@/components/plan/release-summary";
import { RunbookSection } from "@/components/plan/runbook-section";
import { StageSection } from "@/components/plan/stage-section";
import { getReleasePlan } from "@/lib/releases/queries";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Release plan" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  const release = UUID.test(id) ? await getReleasePlan(user, id) : null;
  if (!release) notFound();
  return (
    <div className="space-y-6">
      <ReleaseSummary release={release} />
      {release.stages.map((stage) => (
        <StageSection key={stage.id} stage={stage} />
      ))}
      <RunbookSection steps={release.runbookSteps} />
      <CriteriaSection criteria={release.criteria} />
      <DrillsSection drills={release.drills} />
    </div>
  );
}
