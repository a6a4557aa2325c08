import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { apiServerUrl } from "@/lib/api/openapi/server-url";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Public: the document describes the API and grants nothing. no-cache so a client revalidates after
// an upgrade instead of reading yesterday's routes.
export function GET(request: Request): Response {
  return Response.json(buildOpenApiDocument(apiServerUrl(request)), { headers: { "Cache-Control": "no-cache" } });
}
