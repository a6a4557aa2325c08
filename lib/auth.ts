import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import type { Provider } from "next-auth/providers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AccountLocked, checkCredentials, PasswordsOff } from "@/lib/auth/credentials";
import { endSession, SESSION_MAX_AGE_S, startSession } from "@/lib/auth/sessions";
import { resolveExternalUser } from "@/lib/auth/external-account";
import { roleFromGroups } from "@/lib/auth/role-map";
import { clientAddress } from "@/lib/auth/throttle";
import type { Role } from "@/lib/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
    // The server-side session (lib/auth/sessions.ts) this cookie stands for.
    sessionId?: string;
  }
  interface User {
    role?: Role;
  }
}

// Reaches the sign-in action as the error signIn() throws; `code` is what next-auth would put in
// a redirect URL, `userMessage` the plain sentence (next-auth decorates `message` with a link).
export class LockedOut extends CredentialsSignin {
  code = "locked";
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

// Password sign-in is off (AUTH_SSO_ONLY) for this account: said plainly, the same for every email.
export class SsoOnly extends CredentialsSignin {
  code = "sso_only";
  constructor(readonly userMessage: string) {
    super(userMessage);
  }
}

// Roles follow the identity provider's groups when a mapping is set, except for the break-glass
// admins: a mistake in the identity provider must not take away the way back in.
function roleFromIdentityProvider(provider: string, profile: Record<string, unknown> | undefined, email: string | null | undefined) {
  if (provider !== "oidc" || !env.AUTH_OIDC_ROLE_MAP) return undefined;
  if (email && env.AUTH_BREAK_GLASS_EMAILS.includes(email.trim().toLowerCase())) return undefined;
  return roleFromGroups(env.AUTH_OIDC_ROLE_MAP, profile?.[env.AUTH_OIDC_ROLE_CLAIM]);
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) =>
        checkCredentials(db, credentials, clientAddress(request.headers)).catch((error: unknown) => {
          if (error instanceof AccountLocked) throw new LockedOut(error.message);
          if (error instanceof PasswordsOff) throw new SsoOnly(error.message);
          throw error;
        }),
    }),
  ];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    list.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    list.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }
  return list;
}

export const externalProviders = (): { id: string; name: string }[] =>
  providers()
    .map((p) => (typeof p === "function" ? p() : p))
    .filter((p) => p.type !== "credentials")
    .map((p) => ({ id: p.id, name: p.name }));

// With SSO only the sign-in page tucks the password form away for the break-glass admins.
export const ssoOnly = (): boolean => env.AUTH_SSO_ONLY;

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  // A wrong password is routine and already audited; keep it out of the server's error log.
  logger: {
    error(error) {
      // `type`, not `name`: the production build minifies class names.
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error(error);
    },
  },
  events: {
    // Any sign-out, also through /api/auth/signout: the cookie's session ends on the server.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(db, sid);
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      const email = profile?.email ?? user.email;
      const local = await resolveExternalUser(db, {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email,
        // GitHub only hands out verified primary emails; OIDC says so explicitly.
        emailVerified: account.provider === "github" || profile?.email_verified === true,
        name: profile?.name ?? user.name,
        idpRole: roleFromIdentityProvider(account.provider, profile, email),
      });
      if (!local) return false;
      user.id = local.id;
      user.role = local.role;
      user.name = local.name;
      user.email = local.email;
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
        token.sid = await startSession(db, user.id);
      }
      return token;
    },
    session({ session, token }) {
      session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
      session.user.id = token.sub ?? "";
      session.user.role = (token.role as Role | undefined) ?? "VIEWER";
      return session;
    },
  },
});
