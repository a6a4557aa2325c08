import type { Role } from "@/lib/permissions";

// "SSO only" (AUTH_SSO_ONLY): people sign in through the identity provider, and passwords work
// only for the break-glass admins (AUTH_BREAK_GLASS_EMAILS), the way back in when the identity
// provider is down or misconfigured. The server enforces it in the credentials check.

export interface PasswordPolicy {
  ssoOnly: boolean;
  // Lower-cased emails.
  breakGlass: readonly string[];
}

export const PASSWORDS_OFF = "Password sign-in is turned off. Sign in through your identity provider.";

// Comma-separated emails, lower-cased as sign-in lower-cases what is typed.
export function parseEmailList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((email) => email.trim().toLowerCase())
    .filter(Boolean);
}

// Before the password is checked: may this email use a password at all?
export const mayTryPassword = (policy: PasswordPolicy, email: string): boolean => !policy.ssoOnly || policy.breakGlass.includes(email);

// After it was right: a break-glass account must still be an admin (a demoted one is refused).
export const mayUsePassword = (policy: PasswordPolicy, email: string, role: Role): boolean =>
  mayTryPassword(policy, email) && (!policy.ssoOnly || role === "ADMIN");
