import type { TokenKind } from "@/lib/tokens/tokens";

// What each kind of token allows, as the form's choice and the list's column say it.
export const KIND: Record<TokenKind, string> = { SIGNAL_PUSH: "Push signals", FLAG_READ: "Read flags (OFREP)", PIPELINE: "Pipeline (CI/CD)" };
