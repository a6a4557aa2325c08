// oidc-provider ships no types and @types/oidc-provider stops at v8: the part of v9's API the dev
// provider (scripts/lib/oidc-dev-provider.ts) uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  interface ClientMetadata {
    client_id: string;
    client_secret: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
  }

  interface Account {
    accountId: string;
    claims(): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  interface Configuration {
    clients?: ClientMetadata[];
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: { keys?: string[] };
    features?: { devInteractions?: { enabled: boolean } };
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined> | Account | undefined;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    listen(port: number, host: string, callback: () => void): Server;
    on(event: "grant.error", listener: (ctx: unknown, error: Error & { error_detail?: string }) => void): this;
  }
}
