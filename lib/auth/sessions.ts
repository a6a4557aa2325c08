import type { Db, Tx } from "@/lib/db";
import type { CurrentUser, Role } from "@/lib/permissions";
import { isUuid } from "@/lib/uuid";

// Server-side sessions. The signed session cookie (a next-auth JWT) carries the id of a row here;
// a request is signed in only while that row is live and its user active, so sign-out and an
// admin's "End all sessions" take effect on the next request, not when the cookie expires.

// A session lasts this long from sign-in, on the server as in the cookie (lib/auth.ts).
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

// Live: not ended and not older than SESSION_MAX_AGE_S.
export const liveSince = (now = new Date()) => new Date(now.getTime() - SESSION_MAX_AGE_S * 1000);

// Last-seen is for the admins' list; once a minute is precise enough and keeps reads write-light.
const TOUCH_EVERY = "1 minute";

export async function startSession(db: Db | Tx, userId: string): Promise<string> {
  const session = await db.userSession.create({ data: { userId }, select: { id: true } });
  return session.id;
}

// The user of a live session, with the role as it is now: one statement per request (the touch of
// last_seen_at rides along in a CTE and only writes when it is stale).
export async function readSessionUser(db: Db, sessionId: string | undefined, userId: string): Promise<CurrentUser | null> {
  if (!sessionId || !isUuid(sessionId) || !isUuid(userId)) return null;
  const rows = await db.$queryRaw<{ id: string; email: string; name: string; role: Role }[]>`
    WITH live AS (
      SELECT u.id, u.email, u.name, u.role::text AS role
        FROM user_sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ${sessionId}::uuid AND s.user_id = ${userId}::uuid AND s.ended_at IS NULL AND s.created_at > ${liveSince()}
         AND u.disabled_at IS NULL
    ), touched AS (
      UPDATE user_sessions SET last_seen_at = now()
       WHERE id = ${sessionId}::uuid AND ended_at IS NULL AND last_seen_at < now() - ${TOUCH_EVERY}::interval
    )
    SELECT id, email, name, role FROM live`;
  const user = rows[0];
  return user ? { id: user.id, email: user.email, name: user.name, role: user.role } : null;
}

export async function endSession(db: Db | Tx, sessionId: string): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const { count } = await db.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: new Date() } });
  return count > 0;
}

export async function endUserSessions(db: Db | Tx, userId: string): Promise<number> {
  const { count } = await db.userSession.updateMany({ where: { userId, endedAt: null, createdAt: { gt: liveSince() } }, data: { endedAt: new Date() } });
  return count;
}
