import type { Db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";
import type { CurrentUser } from "@/lib/permissions";

export interface ExternalIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  emailVerified: boolean;
  name: string | null | undefined;
}

// Maps a GitHub/OIDC identity to a local user: the linked account if known, else the user with
// that (verified) email, else a new viewer. Admins raise roles later.
export async function resolveExternalUser(db: Db, identity: ExternalIdentity): Promise<CurrentUser | null> {
  const select = { id: true, email: true, name: true, role: true, disabledAt: true } as const;
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select } },
  });
  const email = identity.email?.trim().toLowerCase();
  if (!linked && (!email || !identity.emailVerified)) return null;

  const user = await db.$transaction(async (tx) => {
    let found = linked?.user ?? (await tx.user.findUnique({ where: { email: email! }, select }));
    if (!found) {
      found = await tx.user.create({ data: { email: email!, name: identity.name?.trim() || email!, role: "VIEWER" }, select });
      await appendAudit(tx, {
        actor: { type: "SYSTEM", label: `${identity.provider} sign-in` },
        action: "user.created",
        after: { id: found.id, email: found.email, role: found.role, via: identity.provider },
      });
    }
    if (found.disabledAt) return null;
    if (!linked) {
      await tx.account.create({ data: { userId: found.id, provider: identity.provider, providerAccountId: identity.providerAccountId } });
    }
    await appendAudit(tx, {
      actor: { type: "USER", id: found.id, label: found.name },
      action: "auth.signed_in",
      after: { method: identity.provider },
    });
    return found;
  });
  return user && { id: user.id, email: user.email, name: user.name, role: user.role };
}
