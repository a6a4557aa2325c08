import "server-only";
import { db } from "@/lib/db";

// The review of an ended release: the team's summary (with its version for the editor) and the
// follow-ups with their owners.
export async function getReview(releaseId: string) {
  const [review, followUps] = await Promise.all([
    db.releaseReview.findUnique({ where: { releaseId }, select: { summary: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } } }),
    db.reviewFollowUp.findMany({
      where: { releaseId },
      orderBy: { createdAt: "asc" },
      select: { id: true, text: true, owner: { select: { id: true, name: true } } },
    }),
  ]);
  return {
    summary: review?.summary ?? "",
    version: review?.version ?? 0,
    updatedAt: review?.updatedAt ?? null,
    updatedBy: review?.updatedBy?.name ?? null,
    followUps,
  };
}

export type ReviewView = Awaited<ReturnType<typeof getReview>>;
