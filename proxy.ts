import { NextResponse, type NextRequest } from "next/server";
import { RETURN_PATH_HEADER } from "@/lib/auth/return-path";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";

// Gives every page a Content-Security-Policy with a nonce of its own (Next.js 16 guide "Content
// Security Policy", section "Adding a nonce with Proxy"). The policy goes on the request, where
// Next.js reads the nonce and stamps it on the scripts it renders, and on the response, where the
// browser enforces it. No authentication here: pages, actions and routes each check the session.
// It also tells the page which path was asked for, so a signed-out visitor can be sent back there
// after signing in (lib/session.ts requireUser); that path is checked like any callbackUrl.

export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(newNonce(), { development: env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const asked = request.nextUrl.clone();
  asked.searchParams.delete("_rsc");
  headers.set(RETURN_PATH_HEADER, `${asked.pathname}${asked.search}`);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: JSON routes, OFREP and static files render no HTML. Prefetches are skipped
      // as the guide advises; the navigation that follows gets its own nonce.
      source: "/((?!api/|ofrep/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
