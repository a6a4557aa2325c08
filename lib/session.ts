import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/lib/auth";
import { db } from "@/lib/db";
import { RETURN_PATH_HEADER, signInHref } from "@/lib/auth/return-path";
import { readSessionUser } from "@/lib/auth/sessions";
import { can, type CurrentUser } from "@/lib/permissions";

// The cookie names a server-side session; the session and its user (with the role as it is now)
// are read in one statement on every request, so sign-out, "End all sessions", a changed role or a
// disabled account take effect at once rather than when the cookie expires.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return readSessionUser(db, session.sessionId, id);
});

// A signed-out visitor goes to sign-in and, once signed in, back to the page they asked for
// (proxy.ts passes its path along; signInHref keeps only a path on this site).
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInHref((await headers()).get(RETURN_PATH_HEADER)));
  return user;
}

// An admin's page: anyone else gets 403, with the route's forbidden.tsx saying why.
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user, "admin")) forbidden();
  return user;
}
