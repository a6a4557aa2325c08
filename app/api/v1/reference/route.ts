import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { referenceHtml } from "@/lib/api/openapi/reference-html";
import { apiServerUrl } from "@/lib/api/openapi/server-url";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Route handlers get no CSP from proxy.ts, so the page brings its own: it needs nothing but its one
// <style> element (no script, no image, no font, no form).
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function GET(request: Request): Response {
  const document = buildOpenApiDocument(apiServerUrl(request));
  return new Response(referenceHtml(document), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", "Content-Security-Policy": POLICY },
  });
}
