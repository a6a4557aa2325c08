import "server-only";
import { liveSince } from "@/lib/auth/sessions";
import { db } from "@/lib/db";

// People who can be given a role on a release: every active account.
export async function listAssignableUsers() {
  return db.user.findMany({ where: { disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

// Settings → Users (admins): every account with its role and how many sessions are live now.
export async function listUsersWithSessions() {
  const users = await db.user.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      disabledAt: true,
      _count: { select: { sessions: { where: { endedAt: null, createdAt: { gt: liveSince() } } } } },
    },
  });
  return users.map(({ _count, ...user }) => ({ ...user, activeSessions: _count.sessions }));
}

// The signed-in person's own profile.
export async function getProfile(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { contact: true } });
}
