import type { z } from "@/lib/input/zod";
import { runAction, type ActionConfig, type ActionRuntime } from "@/lib/action";
import { errorBodyResponse, errorResponse } from "@/lib/http/error-response";
import { readJson } from "@/lib/http/read-body";
import { guardCookieRequest } from "@/lib/http/request-guard";

// An action config answered as a JSON route on one release: origin and body type (a cookie request
// that changes state must come from the app's own pages, as JSON) → the one mutation path, with the
// release id from the URL. Free of Next.js, so both doors share it: the route files through
// lib/route.ts (Next's session), and the kill switch's fast lane (lib/http/flip-lane.ts), which
// reads the same session cookie itself.
export function actionHandler<S extends z.ZodType, T, P>(config: ActionConfig<S, T, P>, runtime: ActionRuntime, status = 200) {
  return async (request: Request, releaseId: string): Promise<Response> => {
    try {
      guardCookieRequest(request, { bodyRequired: true });
      const body = await readJson(request, 64 * 1024);
      const input = typeof body === "object" && body !== null && !Array.isArray(body) ? { ...body, releaseId } : body;
      const result = await runAction(config, input, runtime);
      if (!result.ok) return errorBodyResponse(result.error);
      return Response.json(result.data, { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
