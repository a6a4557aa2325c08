import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import type { Provider } from "next-auth/providers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkCredentials } from "@/lib/auth/credentials";
import { resolveExternalUser } from "@/lib/auth/external-account";
import { clientAddress } from "@/lib/auth/throttle";
import type { Role } from "@/lib/permissions";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
  }
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials, request) => checkCredentials(db, credentials, clientAddress(request.headers)),
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

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: providers(),
  // A wrong password is routine and already audited; keep it out of the server's error log.
  logger: {
    error(error) {
      // `type`, not `name`: the production build minifies class names.
      if ((error as { type?: string }).type !== "CredentialsSignin") console.error(error);
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      const local = await resolveExternalUser(db, {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: profile?.email ?? user.email,
        // GitHub only hands out verified primary emails; OIDC says so explicitly.
        emailVerified: account.provider === "github" || profile?.email_verified === true,
        name: profile?.name ?? user.name,
      });
      if (!local) return false;
      user.id = local.id;
      user.role = local.role;
      user.name = local.name;
      user.email = local.email;
      return true;
    },
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.user.role = (token.role as Role | undefined) ?? "VIEWER";
      return session;
    },
  },
});
