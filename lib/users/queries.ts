import "server-only";
import { liveSince } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { describeRoleSource, roleManagedByIdentityProvider } from "@/lib/users/role-source";

// People who can be given a role on a release: every active account.
export async function listAssignableUsers() {
  return db.user.findMany({ where: { disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

// Settings → Users (admins): every account with its role, where the role comes from and whether an
// admin may change it, and how many sessions are live now.
export async function listUsersWithSessions() {
  const users = await db.user.findMany({
    orderBy: [{ disabledAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      roleSource: true,
      roleSourceGroup: true,
      disabledAt: true,
      _count: { select: { sessions: { where: { endedAt: null, createdAt: { gt: liveSince() } } } } },
    },
  });
  return users.map(({ _count, roleSource, roleSourceGroup, ...user }) => ({
    ...user,
    roleSetBy: describeRoleSource({ roleSource, roleSourceGroup }),
    roleManagedByIdentityProvider: roleManagedByIdentityProvider({ roleSource, roleSourceGroup }),
    activeSessions: _count.sessions,
  }));
}

// The signed-in person's own profile.
export async function getProfile(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { contact: true } });
}
