// What a pipeline token may do, chosen when an admin creates it (least privilege: `read` alone
// unless more is asked for). The database's check constraint lists the same four.
export const TOKEN_SCOPES = ["read", "push", "gate", "deploy"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_LABEL: Record<TokenScope, string> = {
  read: "read: the release, its stages, decisions and flag",
  push: "push: signal samples",
  gate: "gate: wait at a stage's gate (a pass is audited)",
  deploy: "deploy: start the deploy, complete stages; create releases (service-wide tokens)",
};

export const DEFAULT_TOKEN_SCOPES: TokenScope[] = ["read"];

export const isTokenScope = (value: string): value is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(value);

// Scopes in their canonical order without repeats, whatever order a form or an API sent them in.
export const normalizeScopes = (scopes: readonly TokenScope[]): TokenScope[] => TOKEN_SCOPES.filter((scope) => scopes.includes(scope));
