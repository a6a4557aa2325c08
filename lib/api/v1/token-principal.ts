import type { Actor } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import { AppError } from "@/lib/errors";
import type { TokenScope } from "@/lib/tokens/scopes";
import { verifyBearer, type VerifiedToken } from "@/lib/tokens/tokens";

// Who calls a v1 route: a pipeline token (Authorization: Bearer sbc_…) holding the route's scope,
// or a signed-in person (lib/api/v1/principal.ts adds the session). A token covers one release or
// every release of one service, never more. Nothing here needs Next.js's request context, so the
// server's gate lane (lib/http/gate-lane.ts) uses it as the route files do.

export type ApiPrincipal = { kind: "user"; user: CurrentUser; actor: Actor } | { kind: "token"; token: VerifiedToken; actor: Actor };

const OTHER_KINDS: Record<string, string> = { sbp: "a push token", sbr: "a flag-read token" };

export async function tokenPrincipal(header: string, scope: TokenScope): Promise<Extract<ApiPrincipal, { kind: "token" }>> {
  const token = await verifyBearer(getDb(), header, "PIPELINE");
  if (!token) {
    const other = OTHER_KINDS[header.match(/^Bearer\s+(sb[a-z])_/i)?.[1]?.toLowerCase() ?? ""];
    throw new AppError(
      "UNAUTHENTICATED",
      other
        ? `This is ${other}; this route needs a pipeline token (sbc_…) with the “${scope}” scope.`
        : "Send a valid pipeline token: Authorization: Bearer sbc_…",
    );
  }
  if (!token.scopes.includes(scope)) {
    throw new AppError("FORBIDDEN", `This token lacks the “${scope}” scope; an admin can create one that has it under Settings → API tokens.`);
  }
  return { kind: "token", token, actor: { type: "SYSTEM", label: `Pipeline token “${token.name}”` } };
}

// Whether the caller may see or act on this release: a person may read every release (PRODUCT.md);
// a token only its own release or its service's.
export function assertCovers(principal: ApiPrincipal, release: { id: string; service: string }): void {
  if (principal.kind === "user") return;
  const { token } = principal;
  const covered = token.releaseId ? token.releaseId === release.id : token.service !== null && token.service === release.service;
  if (!covered)
    throw new AppError("FORBIDDEN", token.releaseId ? "This token is for another release." : `This token covers the service “${token.service}” only.`);
}

// What a token may list: its release, or its service's releases; null: nothing (a token made by
// hand that names neither).
export function listFilter(principal: ApiPrincipal): { id?: string; service?: string } | null {
  if (principal.kind === "user") return {};
  if (principal.token.releaseId) return { id: principal.token.releaseId };
  return principal.token.service ? { service: principal.token.service } : null;
}

// The release's id and service, for the caller's coverage check before anything else is read.
export const releaseScope = (id: string) => getDb().release.findUnique({ where: { id }, select: { id: true, service: true } });
