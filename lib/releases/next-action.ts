import type { ReadinessCheck } from "@/lib/releases/readiness";
import type { ReleaseStatus } from "@/lib/releases/status";

// The one thing to do next on a plan, for the sticky summary: what is missing before READY, who
// starts the deploy, where the live deploy is run, or where the ended release is reviewed.

export interface NextAction {
  text: string;
  href: string;
}

export function nextAction(releaseId: string, status: ReleaseStatus, checks: readonly Pick<ReadinessCheck, "ok" | "fix">[]): NextAction {
  const failing = checks.find((check) => !check.ok);
  switch (status) {
    case "DRAFT":
      return failing ? { text: `Next: ${failing.fix.label.toLowerCase()}`, href: failing.fix.href } : { text: "Next: mark the plan ready", href: "#readiness" };
    case "READY":
      return { text: "Next: the decision owner starts the deploy", href: `/releases/${releaseId}/cockpit` };
    case "IN_PROGRESS":
    case "PAUSED":
    case "STOPPED":
      return { text: "Deploying: run it from the cockpit", href: `/releases/${releaseId}/cockpit` };
    case "COMPLETED":
    case "ROLLED_BACK":
    case "ABANDONED":
      return { text: "Ended: review it in the report", href: `/releases/${releaseId}/audit/report` };
  }
}
