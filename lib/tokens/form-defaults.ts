import { DEFAULT_TOKEN_SCOPES } from "@/lib/tokens/scopes";
import { DEFAULT_TOKEN_TERM_DAYS, type TokenKind } from "@/lib/tokens/tokens";

// What the New token form shows before anyone touches it. Submitted as is, it must make a token:
// a read token needs no release, whereas a push token's release cannot be guessed safely (a job
// pushing into the wrong release would skew another deploy's go/stop call).
export const DEFAULT_TOKEN_KIND: TokenKind = "FLAG_READ";

// Names the token after what typically uses it, until the admin types a name of their own.
export const SUGGESTED_TOKEN_NAME: Record<TokenKind, string> = { FLAG_READ: "flag reader", SIGNAL_PUSH: "signal push job", PIPELINE: "deploy pipeline" };

// A pipeline token starts with `read` alone: least privilege unless the admin ticks more.
export const tokenFormDefaults = () => ({
  name: SUGGESTED_TOKEN_NAME[DEFAULT_TOKEN_KIND],
  kind: DEFAULT_TOKEN_KIND,
  releaseId: "",
  expiresInDays: String(DEFAULT_TOKEN_TERM_DAYS),
  scopes: [...DEFAULT_TOKEN_SCOPES],
  service: "",
});
