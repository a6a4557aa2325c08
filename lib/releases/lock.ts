import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ReleaseStatus } from "@/lib/releases/status";

// The one way a command locks a release row before deciding on its status: "update" when the
// command changes the release itself (status moves, versions), "share" when it only needs the
// status to hold still until it commits (a note, a tick, the review).
const CLAUSE = { update: "FOR UPDATE", share: "FOR SHARE" } as const;

export async function lockReleaseStatus(tx: Tx, releaseId: string, mode: keyof typeof CLAUSE = "update"): Promise<ReleaseStatus> {
  const [row] = await tx.$queryRawUnsafe<{ status: ReleaseStatus }[]>(
    `SELECT status::text AS status FROM releases WHERE id = $1::uuid ${CLAUSE[mode]}`,
    releaseId,
  );
  if (!row) throw new AppError("NOT_FOUND", "That release does not exist.");
  return row.status;
}

// Locks the release and refuses (CONFLICT, saying `refusal`) unless its status is one `allowed` takes.
export async function lockReleaseIf(
  tx: Tx,
  releaseId: string,
  allowed: (status: ReleaseStatus) => boolean,
  refusal: string,
  mode: keyof typeof CLAUSE = "update",
): Promise<ReleaseStatus> {
  const status = await lockReleaseStatus(tx, releaseId, mode);
  if (!allowed(status)) throw new AppError("CONFLICT", refusal);
  return status;
}
