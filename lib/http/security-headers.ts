// The browser-side defences every response carries. Pure data and string building, with no
// server-only imports, so proxy.ts and next.config.ts can both use it.

// Sent on every response, static files included (next.config.ts `headers()`).
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  // A JSON or CSV download is never run as a script or page because of a guessed type.
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Release ids in our URLs stay on our site; other sites see the origin only, and only over HTTPS.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers that predate CSP's frame-ancestors: the kill switch is never clickjacked in a frame.
  { key: "X-Frame-Options", value: "DENY" },
];

// A fresh, unguessable nonce per request (128 bits), in base64 as CSP's nonce-source wants it.
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

// Scripts run only with this response's nonce: Next.js puts it on its own inline and bundled
// scripts when it finds it in the request's CSP header, and 'strict-dynamic' lets those load the
// chunks they import. Styles keep 'unsafe-inline' because React renders `style` attributes
// (recharts sizes, timeline positions) and attributes cannot carry a nonce; a nonce in
// style-src would make browsers ignore 'unsafe-inline' and drop them. Style injection cannot run
// code, which is the threat this policy is for.
export function contentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build uses eval for better stack traces; the production build does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // fetch, server actions and the cockpit's EventSource all go to this origin only.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
