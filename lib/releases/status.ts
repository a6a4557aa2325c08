import { AppError } from "@/lib/errors";

// Release states of PRODUCT.md: DRAFT → READY → IN PROGRESS → COMPLETED | ROLLED BACK | ABANDONED,
// with PAUSED while an auto-stop waits for a human.

export type ReleaseStatus = "DRAFT" | "READY" | "IN_PROGRESS" | "PAUSED" | "COMPLETED" | "ROLLED_BACK" | "ABANDONED";

const NEXT: Record<ReleaseStatus, readonly ReleaseStatus[]> = {
  DRAFT: ["READY", "ABANDONED"],
  READY: ["DRAFT", "IN_PROGRESS", "ABANDONED"],
  IN_PROGRESS: ["PAUSED", "COMPLETED", "ROLLED_BACK"],
  PAUSED: ["IN_PROGRESS", "ROLLED_BACK"],
  COMPLETED: [],
  ROLLED_BACK: [],
  ABANDONED: [],
};

export function canTransition(from: ReleaseStatus, to: ReleaseStatus): boolean {
  return NEXT[from].includes(to);
}

const WORDS: Record<ReleaseStatus, string> = {
  DRAFT: "a draft",
  READY: "ready",
  IN_PROGRESS: "in progress",
  PAUSED: "paused",
  COMPLETED: "completed",
  ROLLED_BACK: "rolled back",
  ABANDONED: "abandoned",
};

export function assertTransition(from: ReleaseStatus, to: ReleaseStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError("CONFLICT", `This release is ${WORDS[from]}; it cannot become ${WORDS[to]} from there.`);
  }
}

// Finished releases are the record of what happened: their plan no longer changes.
export function isPlanEditable(status: ReleaseStatus): boolean {
  return status !== "COMPLETED" && status !== "ROLLED_BACK" && status !== "ABANDONED";
}

export function assertPlanEditable(status: ReleaseStatus): void {
  if (!isPlanEditable(status)) throw new AppError("CONFLICT", `This release is ${WORDS[status]}; its plan can no longer change.`);
}
