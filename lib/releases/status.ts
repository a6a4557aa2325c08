import { AppError } from "@/lib/errors";
import { RELEASE_STATUS_LABEL } from "@/lib/format/labels";

// Release states of PRODUCT.md: DRAFT → READY → IN PROGRESS → COMPLETED | ROLLED BACK | ABANDONED,
// with PAUSED while an auto-stop waits for a human and STOPPED after a person's Stop call, until
// Go resumes the deploy or an outcome (rolled back, abandoned) ends it.

export type ReleaseStatus = "DRAFT" | "READY" | "IN_PROGRESS" | "PAUSED" | "STOPPED" | "COMPLETED" | "ROLLED_BACK" | "ABANDONED";

const NEXT: Record<ReleaseStatus, readonly ReleaseStatus[]> = {
  DRAFT: ["READY", "ABANDONED"],
  READY: ["DRAFT", "IN_PROGRESS", "ABANDONED"],
  IN_PROGRESS: ["PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"],
  PAUSED: ["IN_PROGRESS", "STOPPED", "ROLLED_BACK", "ABANDONED"],
  STOPPED: ["IN_PROGRESS", "ROLLED_BACK", "ABANDONED"],
  COMPLETED: [],
  ROLLED_BACK: [],
  ABANDONED: [],
};

export function canTransition(from: ReleaseStatus, to: ReleaseStatus): boolean {
  return NEXT[from].includes(to);
}

// Statuses as words inside a sentence ("The release is a draft").
const inWords = (status: ReleaseStatus) => (status === "DRAFT" ? "a draft" : RELEASE_STATUS_LABEL[status].toLowerCase());

export function assertTransition(from: ReleaseStatus, to: ReleaseStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError("CONFLICT", `This release is ${inWords(from)}; it cannot become ${inWords(to)} from there.`);
  }
}

// Finished releases are the record of what happened: their plan no longer changes.
export function isPlanEditable(status: ReleaseStatus): boolean {
  return status !== "COMPLETED" && status !== "ROLLED_BACK" && status !== "ABANDONED";
}

export function assertPlanEditable(status: ReleaseStatus): void {
  if (!isPlanEditable(status)) throw new AppError("CONFLICT", `This release is ${inWords(status)}; its plan can no longer change.`);
}

// Where a Go or Stop call takes a release: Stop stops a deploy in progress or paused by auto-stop;
// Go resumes a stopped one (and is recorded as it stands otherwise).
export function statusAfterCall(from: ReleaseStatus, verdict: "GO" | "STOP"): ReleaseStatus {
  if (from === "STOPPED" && verdict === "STOP") throw new AppError("CONFLICT", "The release is already stopped. Call Go to resume, or record an outcome.");
  if (from !== "IN_PROGRESS" && from !== "PAUSED" && from !== "STOPPED") throw new AppError("CONFLICT", "Go and Stop are called during the deploy.");
  if (verdict === "STOP") return "STOPPED";
  return from === "STOPPED" ? "IN_PROGRESS" : from;
}

// Deploying: the cockpit's live states. Ended: nothing about the deploy changes any more.
export const DEPLOYING_STATUSES: readonly ReleaseStatus[] = ["IN_PROGRESS", "PAUSED", "STOPPED"];
export const ENDED_STATUSES: readonly ReleaseStatus[] = ["COMPLETED", "ROLLED_BACK", "ABANDONED"];
export const isDeploying = (status: ReleaseStatus) => DEPLOYING_STATUSES.includes(status);
export const isEnded = (status: ReleaseStatus) => ENDED_STATUSES.includes(status);
