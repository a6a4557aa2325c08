import { getToken } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { readSessionUser } from "@/lib/auth/sessions";
import type { CurrentUser } from "@/lib/permissions";

// The signed-in user of a request, read from the session cookie without Next.js: for the kill
// switch's fast lane (lib/http/flip-lane.ts), where a flip must not wait for Next's request
// machinery. It reads what lib/session.ts reads through next-auth's auth(): the same cookie
// (chunked or not), decrypted with the same secret and checked for expiry by next-auth's own
// getToken, then the same server-side session row (lib/auth/sessions.ts), so sign-out, "End all
// sessions", a changed role or a disabled account count here at once too.
//
// `secure`: the request reached Switchback over https, where next-auth names its cookie
// "__Secure-authjs.session-token" (it decides by the request's protocol, as here).
export async function cookieSessionUser(cookie: string | undefined, secret: string, secure: boolean): Promise<CurrentUser | null> {
  if (!cookie) return null;
  // Only the cookie is passed on: getToken would also take a bearer token, which auth() does not.
  const token = await getToken({ req: { headers: new Headers({ cookie }) }, secret, secureCookie: secure }).catch(() => null);
  if (!token || typeof token.sub !== "string") return null;
  return readSessionUser(getDb(), typeof token.sid === "string" ? token.sid : undefined, token.sub);
}
