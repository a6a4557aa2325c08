"use server";

import { auth, signOut } from "@/lib/auth";
import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { signOutSession } from "@/lib/users/commands";

// Ends the cookie's session on the server (audited), then clears the cookie. next-auth's
// events.signOut ends it too, for sign-outs that do not come through here.
export async function signOutAction(): Promise<void> {
  const sessionId = (await auth())?.sessionId;
  if (sessionId) await runAction(signOutSession, { sessionId }, nextRuntime);
  await signOut({ redirectTo: "/sign-in" });
}
