import type { FlagProviderKind } from "@/lib/flags/providers/catalog";
import type { Db, Tx } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import type { ReleaseRoles } from "@/lib/permissions";
import type { ReleaseStatus } from "@/lib/releases/status";

export interface ReleaseAccess extends ReleaseRoles {
  id: string;
  title: string;
  status: ReleaseStatus;
  fourEyes: boolean;
  stages: { id: string; ownerId: string | null }[];
  // The kill switch's address, read here so a flip needs no extra round trip.
  flag: { provider: FlagProviderKind; key: string; environment: string };
}

// What a permission check needs to know about a release: its per-release roles. One statement:
// every action checks this before it starts.
export async function getReleaseAccess(db: Db | Tx | Sql, releaseId: string): Promise<ReleaseAccess | null> {
  const [row] = await asSql(db).query<{
    id: string;
    title: string;
    status: ReleaseStatus;
    four_eyes: boolean;
    decision_owner_id: string | null;
    backup_owner_id: string | null;
    flag_provider: FlagProviderKind;
    flag_key: string;
    flag_environment: string;
    stages: { id: string; ownerId: string | null }[];
  }>(
    `SELECT r.id::text AS id, r.title, r.status::text AS status, r.four_eyes, r.decision_owner_id::text AS decision_owner_id, r.backup_owner_id::text AS backup_owner_id,
            r.flag_provider::text AS flag_provider, r.flag_key, r.flag_environment,
            coalesce(json_agg(json_build_object('id', s.id, 'ownerId', s.owner_id)) FILTER (WHERE s.id IS NOT NULL), '[]'::json) AS stages
       FROM releases r LEFT JOIN stages s ON s.release_id = r.id
      WHERE r.id = $1::uuid GROUP BY r.id`,
    [releaseId],
    "release_access",
  );
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    fourEyes: row.four_eyes,
    decisionOwnerId: row.decision_owner_id,
    backupOwnerId: row.backup_owner_id,
    stages: row.stages,
    stageOwnerIds: row.stages.map((s) => s.ownerId),
    flag: { provider: row.flag_provider, key: row.flag_key, environment: row.flag_environment },
  };
}
