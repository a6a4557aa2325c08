"use server";

import { signOut } from "@/lib/auth";
import { db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";
import { getCurrentUser } from "@/lib/session";

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    await db.$transaction((tx) =>
      appendAudit(tx, { actor: { type: "USER", id: user.id, label: user.name }, action: "auth.signed_out" }),
    );
  }
  await signOut({ redirectTo: "/sign-in" });
}
