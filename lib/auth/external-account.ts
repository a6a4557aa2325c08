import type { Db, Tx } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";
import type { CurrentUser, Role } from "@/lib/permissions";
import { asSql } from "@/lib/db/sql";

export interface ExternalIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name: string | null | undefined;
  // Set when roles follow the identity provider (AUTH_OIDC_ROLE_MAP): the role its groups give,
  // and the group it came from (null: no group is mapped, a viewer).
  idpRole?: { role: Role; group: string | null };
}

const select = { id: true, email: true, name: true, role: true, roleSource: true, roleSourceGroup: true, disabledAt: true } as const;
type Found = { id: string; email: string; name: string; role: Role; roleSource: string; roleSourceGroup: string | null; disabledAt: Date | null };

// Maps a GitHub/OIDC identity to a local user: the linked account if known, else the user with
// that (verified) email, else a new user: a viewer, or what the identity provider's groups say.
export async function resolveExternalUser(db: Db, identity: ExternalIdentity): Promise<CurrentUser | null> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select } },
  });
  const email = identity.email?.trim().toLowerCase();
  if (!linked && (!email || !identity.emailVerified)) return null;
  const system = { type: "SYSTEM", label: `${identity.provider} sign-in` } as const;

  const user = await db.$transaction(async (tx) => {
    // Lock order, as in every audited write: the audit chain's head before any row (here the user's,
    // which followIdentityProvider updates before it appends). Taking the user first and the head
    // second could deadlock with a writer that holds the head and then touches the user.
    await asSql(tx).query("SELECT 1 AS locked FROM audit_chain_head WHERE id = 1 FOR UPDATE");
    let found: Found | null = linked?.user ?? (await tx.user.findUnique({ where: { email: email! }, select }));
    if (!found) {
      const { role, source } = identity.idpRole
        ? { role: identity.idpRole.role, source: { roleSource: "IDENTITY_PROVIDER" as const, roleSourceGroup: identity.idpRole.group } }
        : { role: "VIEWER" as const, source: {} };
      found = await tx.user.create({ data: { email: email!, name: identity.name?.trim() || email!, role, ...source }, select });
      await appendAudit(tx, {
        actor: system,
        action: "user.created",
        after: { id: found.id, email: found.email, role: found.role, via: identity.provider, ...(identity.idpRole ? { group: identity.idpRole.group } : {}) },
      });
    }
    if (found.disabledAt) return null;
    if (!linked) {
      await tx.account.create({ data: { userId: found.id, provider: identity.provider, providerAccountId: identity.providerAccountId } });
    }
    if (identity.idpRole) found = await followIdentityProvider(tx, found, identity.idpRole, system);
    await appendAudit(tx, {
      actor: { type: "USER", id: found.id, label: found.name },
      action: "auth.signed_in",
      after: { method: identity.provider },
    });
    return found;
  });
  return user && { id: user.id, email: user.email, name: user.name, role: user.role };
}

// The role the identity provider gives replaces the stored one, audited like an admin's change
// but with the sign-in as the actor; an unchanged role and group write nothing.
async function followIdentityProvider(tx: Tx, user: Found, given: { role: Role; group: string | null }, actor: { type: "SYSTEM"; label: string }) {
  if (user.role === given.role && user.roleSource === "IDENTITY_PROVIDER" && user.roleSourceGroup === given.group) return user;
  const updated = await tx.user.update({
    where: { id: user.id },
    data: { role: given.role, roleSource: "IDENTITY_PROVIDER", roleSourceGroup: given.group },
    select,
  });
  await appendAudit(tx, {
    actor,
    // The same role, now held through the identity provider (or through another group).
    action: user.role === given.role ? "user.role_source_changed" : "user.role_changed",
    before: { id: user.id, email: user.email, role: user.role, source: user.roleSource === "IDENTITY_PROVIDER" ? "identity provider" : "admin" },
    after: { id: user.id, email: user.email, role: given.role, source: "identity provider", group: given.group },
  });
  return updated;
}
