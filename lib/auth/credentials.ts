import { z } from "zod";
import type { Db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";
import { dummyHash, verifyPassword } from "@/lib/auth/password";
import { clearFailures, currentFailures, delayFor, recordFailure } from "@/lib/auth/throttle";
import type { CurrentUser } from "@/lib/permissions";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email").email("Enter an email address like name@example.com"),
  password: z.string().min(1, "Enter your password"),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Checks an email and password. Returns the user, or null for any failure: the caller says only
// "Email or password is incorrect". Every attempt is audited (never the password).
export async function checkCredentials(db: Db, raw: unknown, address: string): Promise<CurrentUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  await sleep(delayFor(await currentFailures(db, address)));

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));

  if (!user || !valid || user.disabledAt) {
    await recordFailure(db, address);
    await db.$transaction((tx) =>
      appendAudit(tx, {
        actor: { type: "SYSTEM", label: "anonymous" },
        action: "auth.sign_in_failed",
        after: { email, address },
      }),
    );
    return null;
  }

  await clearFailures(db, address);
  await db.$transaction((tx) =>
    appendAudit(tx, {
      actor: { type: "USER", id: user.id, label: user.name },
      action: "auth.signed_in",
      after: { method: "password", address },
    }),
  );
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
