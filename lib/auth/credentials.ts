import { z } from "@/lib/input/zod";
import type { Db } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";
import { dummyHash, verifyPassword } from "@/lib/auth/password";
import { closeExpiredWindows, noteFailure } from "@/lib/auth/failure-window";
import { accountKey, addressKey, clearFailures, currentFailures, delayFor, lockedUntil, recordAccountFailure, recordFailure } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { mayTryPassword, mayUsePassword, PASSWORDS_OFF, type PasswordPolicy } from "@/lib/auth/sso-only";
import type { CurrentUser } from "@/lib/permissions";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, "Enter your email").email("Enter an email address like name@example.com"),
  password: z.string().min(1, "Enter your password"),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The account (or an email nobody has) had too many failed sign-ins: refused even with the right
// password. The message is the same whether or not the account exists.
export class AccountLocked extends Error {
  constructor(until: Date, now = new Date()) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    super(`Too many failed sign-ins for this account. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`);
    this.name = "AccountLocked";
  }
}

// Password sign-in is off for this email (AUTH_SSO_ONLY and not a break-glass admin).
export class PasswordsOff extends Error {
  constructor() {
    super(PASSWORDS_OFF);
    this.name = "PasswordsOff";
  }
}

const configuredPolicy = (): PasswordPolicy => ({ ssoOnly: env.AUTH_SSO_ONLY, breakGlass: env.AUTH_BREAK_GLASS_EMAILS });

// Checks an email and password. Returns the user, or null for any failure: the caller says only
// "Email or password is incorrect"; throws AccountLocked while the email is locked out. Failures
// count against the address and the account; successes are audited one by one, failures as a
// window (lib/auth/failure-window.ts). The password is never recorded. With SSO only, throws
// PasswordsOff for everyone but a break-glass admin, before the password is even looked at.
export async function checkCredentials(db: Db, raw: unknown, address: string, policy = configuredPolicy()): Promise<CurrentUser | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (!mayTryPassword(policy, email)) throw new PasswordsOff();

  await sleep(delayFor(await currentFailures(db, addressKey(address))));

  const locked = await lockedUntil(db, email);
  if (locked) {
    await recordFailure(db, addressKey(address));
    await db.$transaction((tx) => noteFailure(tx, { email, address, locked: true }));
    throw new AccountLocked(locked);
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));

  if (!user || !valid || user.disabledAt) {
    await recordFailure(db, addressKey(address));
    const lockedNow = await recordAccountFailure(db, email);
    await db.$transaction((tx) => noteFailure(tx, { email, address, locked: lockedNow !== null }));
    return null;
  }

  // A break-glass email whose account is no longer an admin: the right password, and still no.
  if (!mayUsePassword(policy, email, user.role)) throw new PasswordsOff();
  const breakGlass = policy.ssoOnly ? { breakGlass: true } : {};

  await clearFailures(db, [addressKey(address), accountKey(email)]);
  await db.$transaction(async (tx) => {
    await closeExpiredWindows(tx);
    await appendAudit(tx, {
      actor: { type: "USER", id: user.id, label: user.name },
      action: "auth.signed_in",
      after: { method: "password", address, ...breakGlass },
    });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
