import { appendAudit, type Actor } from "@/lib/audit/append";
import type { Db } from "@/lib/db";
import { asSql, type Sql } from "@/lib/db/sql";
import type { ActionContext } from "@/lib/action";
import { lockReleaseStatus } from "@/lib/releases/lock";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/permissions";
import { formatHourMinute } from "@/lib/format/time";

// Four eyes on the kill switch: on a release that asks for it, "Turn flag on" opens a request
// that the backup or an admin other than the requester approves or declines within
// REQUEST_TTL_MS; after that it expires. Each step is one audit event with its change.

export const REQUEST_TTL_MS = 15 * 60 * 1000;
export const FOUR_EYES_ACTOR: Actor = { type: "SYSTEM", label: "Switchback four eyes" };

export interface PendingFlagOn {
  id: string;
  requestedById: string;
  requestedBy: string;
  requestedAt: Date;
  expiresAt: Date;
}

// Opens a request in the action's transaction; the partial unique index keeps it to one open
// request per release.
export async function openFlagOnRequest(ctx: Pick<ActionContext<unknown>, "tx" | "sql" | "user" | "audit">, releaseId: string, reason?: string) {
  await lockReleaseStatus(ctx.tx, releaseId);
  const open = await readPending(ctx.sql, releaseId);
  if (open)
    throw new AppError(
      "CONFLICT",
      `${open.requestedBy} already asked to turn the flag on; it waits for the backup or an admin until ${formatHourMinute(open.expiresAt)}.`,
    );
  const [request] = await ctx.sql.query<{ id: string; expires_at: Date }>(
    `INSERT INTO flag_on_requests (release_id, requested_by_id, expires_at) VALUES ($1::uuid, $2::uuid, now() + $3 * interval '1 millisecond')
     RETURNING id::text, expires_at`,
    [releaseId, ctx.user.id, REQUEST_TTL_MS],
  );
  const expiresAt = new Date(request!.expires_at);
  await ctx.audit({
    action: "flag.on_requested",
    releaseId,
    after: { requestId: request!.id, expiresAt: expiresAt.toISOString(), ...(reason ? { reason } : {}) },
  });
  return { requestId: request!.id, expiresAt };
}

// The open request of a release, if any; one past its time counts as gone even before the sweep.
export async function readPending(db: Db | Sql, releaseId: string, lock = false): Promise<PendingFlagOn | null> {
  const [row] = await asSql(db).query<{ id: string; requested_by_id: string; name: string; requested_at: Date; expires_at: Date }>(
    `SELECT q.id::text, q.requested_by_id::text, u.name, q.requested_at, q.expires_at
       FROM flag_on_requests q JOIN users u ON u.id = q.requested_by_id
      WHERE q.release_id = $1::uuid AND q.status = 'PENDING' AND q.expires_at > now()${lock ? " FOR UPDATE OF q" : ""}`,
    [releaseId],
  );
  return row
    ? { id: row.id, requestedById: row.requested_by_id, requestedBy: row.name, requestedAt: new Date(row.requested_at), expiresAt: new Date(row.expires_at) }
    : null;
}

// Locks the request a decider answers and checks it may still be answered by this user.
export async function lockAnswerable(sql: Sql, releaseId: string, requestId: string, user: CurrentUser): Promise<PendingFlagOn> {
  const request = await readPending(sql, releaseId, true);
  if (!request || request.id !== requestId)
    throw new AppError("CONFLICT", "That request is no longer waiting: it was answered or it expired. Nothing was changed.");
  if (request.requestedById === user.id)
    throw new AppError("FORBIDDEN", "Four eyes means a second person: the backup or another admin must answer your own request.");
  return request;
}

export async function closeRequest(sql: Sql, requestId: string, status: "APPROVED" | "DECLINED", user: CurrentUser, note: string) {
  await sql.query(
    `UPDATE flag_on_requests SET status = $2::"FlagOnRequestStatus", decided_by_id = $3::uuid, decided_at = now(), note = $4 WHERE id = $1::uuid`,
    [requestId, status, user.id, note],
  );
}

// Leader work: requests nobody answered in time expire, each with its audit event, once.
export async function expireFlagOnRequests(db: Db): Promise<number> {
  const due = await db.flagOnRequest.findMany({ where: { status: "PENDING", expiresAt: { lte: new Date() } }, select: { id: true } });
  let expired = 0;
  for (const { id } of due) {
    await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ release_id: string; requested_at: Date; name: string }[]>`
        UPDATE flag_on_requests q SET status = 'EXPIRED', decided_at = now() FROM users u
         WHERE q.id = ${id}::uuid AND q.status = 'PENDING' AND u.id = q.requested_by_id
        RETURNING q.release_id::text, q.requested_at, u.name`;
      if (!row) return;
      await appendAudit(tx, {
        actor: FOUR_EYES_ACTOR,
        action: "flag.on_expired",
        releaseId: row.release_id,
        after: { requestId: id, requestedBy: row.name, requestedAt: new Date(row.requested_at).toISOString() },
      });
      expired += 1;
    });
  }
  return expired;
}
