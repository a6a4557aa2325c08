import { AppError } from "@/lib/errors";

// A browser attaches the session cookie to a request that any page starts, including a plain HTML
// form on another site (or on another port of the same host, which is the "same site" for Lax
// cookies). Such a form can only send text/plain, urlencoded or multipart bodies and always
// carries its own Origin, so a cookie-authenticated route that changes state answers only to
// JSON from the app's own origin. Bearer-token routes need none of this: no cookie rides along.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Fetch metadata a browser sends on its own; "none" is the user typing the address.
const TRUSTED_FETCH_SITES = new Set(["same-origin", "none"]);

const foreign = () => new AppError("FORBIDDEN", "This request came from another site; Switchback accepts it only from its own pages.");

// The hosts this request was addressed to as the app sees it: the Host header, and what a
// reverse proxy says it forwarded. A page cannot forge X-Forwarded-Host on a cross-site request
// without a CORS preflight, which this app never grants, so trusting it here is safe.
function ownHosts(request: Request): Set<string> {
  const hosts = new Set<string>();
  const add = (value: string | null) => value?.split(",").forEach((part) => part.trim() && hosts.add(part.trim().toLowerCase()));
  add(request.headers.get("host"));
  add(request.headers.get("x-forwarded-host"));
  if (hosts.size === 0) hosts.add(new URL(request.url).host.toLowerCase());
  return hosts;
}

export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && !TRUSTED_FETCH_SITES.has(site.toLowerCase())) throw foreign();
  const origin = request.headers.get("origin");
  // No Origin: not a browser (curl, a script with a cookie jar). Browsers send it on every POST.
  if (origin === null) return;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    throw foreign(); // "null": a sandboxed frame, a file:// page or a redirect chain
  }
  if (!host || !ownHosts(request).has(host)) throw foreign();
}

// `required`: the route reads a body, so a missing Content-Type is as wrong as a form's.
export function assertJsonBody(request: Request, required: boolean): void {
  const type = request.headers.get("content-type");
  const hasBody = type !== null || Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("transfer-encoding");
  if (!hasBody && !required) return;
  const essence = type?.split(";")[0]?.trim().toLowerCase();
  if (essence !== "application/json") {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the body as JSON with the header Content-Type: application/json (this request said ${type ? `"${type}"` : "nothing"}).`,
    );
  }
}

// The one check every cookie-authenticated route runs before it looks at the session.
export function guardCookieRequest(request: Request, options: { bodyRequired?: boolean } = {}): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  assertSameOrigin(request);
  assertJsonBody(request, options.bodyRequired ?? false);
}
