import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import Provider from "oidc-provider";

// A real OpenID Connect provider on loopback (oidc-provider, a certified implementation) for
// trying and testing sign-in through an identity provider: one client (Switchback), the people
// it knows, and oidc-provider's own development login and consent pages, which take any password.
// Never for production: its signing keys and cookie keys are made up at start.

export interface DevAccount {
  // What is typed into the provider's login page.
  login: string;
  email: string;
  name: string;
  groups: string[];
}

export interface DevProviderOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  // Switchback's callback: <Switchback URL>/api/auth/callback/oidc.
  redirectUri: string;
}

export interface DevProvider {
  issuer: string;
  // Adds a person, or replaces one with the same login (their groups changed in the directory).
  setAccount(account: DevAccount): void;
  stop(): Promise<void>;
}

export async function startOidcDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const accounts = new Map<string, DevAccount>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The groups ride with the profile scope Switchback asks for, as many directories do.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    // Switchback (Auth.js) reads the person from the ID token, as with most real providers'
    // group claims: put the scopes' claims in it, not only in the userinfo answer.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
      };
    },
  });
  // Why a code exchange was refused ("invalid_grant" alone says little), for whoever reads the log.
  provider.on("grant.error", (_ctx, error) => process.stderr.write(`OIDC dev provider refused a token request: ${error.error_detail ?? error.message}\n`));
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(options.port, "127.0.0.1", () => resolve(listening));
  });
  return {
    issuer,
    setAccount: (account) => void accounts.set(account.login, account),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
