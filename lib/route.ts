import "server-only";
import type { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { actionHandler } from "@/lib/http/action-handler";
import { readJson } from "@/lib/http/read-body";
import { AppError } from "@/lib/errors";
import { errorBodyResponse, errorResponse } from "@/lib/http/error-response";
import { guardCookieRequest } from "@/lib/http/request-guard";
import { timed } from "@/lib/metrics/http";
import { nextRuntime } from "@/lib/next-runtime";
import { can, type CurrentUser, type Permission } from "@/lib/permissions";
import { getCurrentUser } from "@/lib/session";

// Re-exported: every route file takes its error answers and body reader from here.
export { errorBodyResponse, errorResponse, readJson };

// The one wrapper for session-authenticated route handlers: origin and body type (a POST with the
// session cookie must come from the app's own pages, as JSON) → session → permission → handler,
// and every failure as JSON `{ error: { code, message, requestId } }` with its HTTP status. Each answer
// is timed for /metrics (switchback_http_request_duration_seconds) by its route pattern.

export function sessionRoute<P extends Record<string, string>>(
  permission: Permission,
  handler: (request: Request, context: { user: CurrentUser; params: P }) => Promise<Response>,
) {
  return (request: Request, { params }: { params: Promise<P> }): Promise<Response> =>
    timed(request, async () => {
      try {
        guardCookieRequest(request);
        const user = await getCurrentUser();
        if (!user) throw new AppError("UNAUTHENTICATED", "Sign in first.");
        if (!can(user, permission)) throw new AppError("FORBIDDEN", "You do not have permission to do that.");
        return await handler(request, { user, params: await params });
      } catch (error) {
        return errorResponse(error);
      }
    });
}

// Exposes an action config as a JSON route (for scripts and chat-ops), through the same mutation
// path as the page's server action: the route adds only the release id from the URL.
export function actionRoute<S extends z.ZodType, T, P>(config: ActionConfig<S, T, P>, status = 200) {
  const handle = actionHandler(config, nextRuntime, status);
  return (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> =>
    timed(request, async () => handle(request, (await params).id));
}
