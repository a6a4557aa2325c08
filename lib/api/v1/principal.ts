import "server-only";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, guardCookieRequest } from "@/lib/http/request-guard";
import { can } from "@/lib/permissions";
import { getCurrentUser } from "@/lib/session";
import type { TokenScope } from "@/lib/tokens/scopes";
import { tokenPrincipal, type ApiPrincipal } from "@/lib/api/v1/token-principal";

export { assertCovers, listFilter, releaseScope, type ApiPrincipal } from "@/lib/api/v1/token-principal";

// A v1 route's caller: the pipeline token when the request carries one, else the signed-in
// person (the same checks as every session route: origin and body type, then the session).
// `writes`: a GET that writes (the gate records a pass) is refused from another site as a POST is.
export async function apiPrincipal(request: Request, scope: TokenScope, options: { writes?: boolean } = {}): Promise<ApiPrincipal> {
  const header = request.headers.get("authorization");
  if (header) return tokenPrincipal(header, scope);
  guardCookieRequest(request);
  if (options.writes) assertSameOrigin(request);
  const user = await getCurrentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in, or send a pipeline token: Authorization: Bearer sbc_…");
  if (!can(user, "read")) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
  return { kind: "user", user, actor: { type: "USER", id: user.id, label: user.name } };
}
