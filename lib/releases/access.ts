import type { Db, Tx } from "@/lib/db";
import type { ReleaseRoles } from "@/lib/permissions";

export interface ReleaseAccess extends ReleaseRoles {
  id: string;
  stages: { id: string; ownerId: string | null }[];
}

// What a permission check needs to know about a release: its per-release roles.
export async function getReleaseAccess(db: Db | Tx, releaseId: string): Promise<ReleaseAccess | null> {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: { id: true, decisionOwnerId: true, backupOwnerId: true, stages: { select: { id: true, ownerId: true } } },
  });
  if (!release) return null;
  return { ...release, stageOwnerIds: release.stages.map((stage) => stage.ownerId) };
}
