import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkCredentials, PasswordsOff } from "@/lib/auth/credentials";
import { parseEnv } from "@/lib/env";
import type { PasswordPolicy } from "@/lib/auth/sso-only";
import { createUser, testDb } from "@/lib/testing/db";

// "SSO only" through the real credentials check: passwords are refused for everyone but the
// break-glass admins, before the password is even compared.

const address = () => `192.0.2.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
const ssoOnly = (...breakGlass: string[]): PasswordPolicy => ({ ssoOnly: true, breakGlass });
const signIn = (email: string, password: string, policy: PasswordPolicy) => checkCredentials(testDb(), { email, password }, address(), policy);

describe("SSO only", () => {
  it("refuses a password for anyone not listed, even the right one of an admin, and says why", async () => {
    const admin = await createUser("ADMIN", "right-password");
    await expect(signIn(admin.email, "right-password", ssoOnly())).rejects.toThrow(PasswordsOff);
    await expect(signIn(`nobody-${randomUUID()}@nowhere.test`, "x", ssoOnly())).rejects.toThrow(
      "Password sign-in is turned off. Sign in through your identity provider.",
    );
    expect(await testDb().auditEvent.count({ where: { actorId: admin.id, action: "auth.signed_in" } })).toBe(0);
  });

  it("lets a break-glass admin in with the right password, audited as break-glass; a wrong password is still wrong", async () => {
    const admin = await createUser("ADMIN", "glass-password");
    const policy = ssoOnly(admin.email);
    expect(await signIn(admin.email, "wrong", policy)).toBeNull();
    expect(await signIn(admin.email.toUpperCase(), "glass-password", policy)).toEqual(admin);
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { actorId: admin.id, action: "auth.signed_in" }, select: { after: true } });
    expect(event.after).toMatchObject({ method: "password", breakGlass: true });
  });

  it("refuses a listed account that is no longer an admin", async () => {
    const operator = await createUser("OPERATOR", "ops-password");
    await expect(signIn(operator.email, "ops-password", ssoOnly(operator.email))).rejects.toThrow(PasswordsOff);
  });

  it("changes nothing when off", async () => {
    const operator = await createUser("OPERATOR", "ops-password");
    expect(await signIn(operator.email, "ops-password", { ssoOnly: false, breakGlass: [] })).toEqual(operator);
  });

  it("is configured with an identity provider and a list of emails", () => {
    const env = parseEnv({
      AUTH_GITHUB_ID: "a",
      AUTH_GITHUB_SECRET: "b",
      AUTH_SSO_ONLY: "true",
      AUTH_BREAK_GLASS_EMAILS: " Root@Example.com, ops@example.com ",
    });
    expect([env.AUTH_SSO_ONLY, env.AUTH_BREAK_GLASS_EMAILS]).toEqual([true, ["root@example.com", "ops@example.com"]]);
    expect(() => parseEnv({ AUTH_SSO_ONLY: "true" })).toThrow("AUTH_SSO_ONLY needs OIDC or GitHub sign-in configured");
    expect(() => parseEnv({ AUTH_GITHUB_ID: "a", AUTH_GITHUB_SECRET: "b", AUTH_BREAK_GLASS_EMAILS: "root" })).toThrow(
      "AUTH_BREAK_GLASS_EMAILS must be a comma-separated list of email addresses",
    );
  });
});
