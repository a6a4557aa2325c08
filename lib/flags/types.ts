// One small interface for every flag provider (built-in, Unleash; others can follow).

export type FlagProviderKind = "BUILTIN" | "UNLEASH";

export interface FlagRef {
  key: string;
  environment: string;
}

export interface FlagState {
  enabled: boolean;
  // When the provider last changed it and who, where the provider says.
  changedAt: Date | null;
  changedBy: string | null;
  readAt: Date;
}

export interface ProviderHealth {
  ok: boolean;
  message: string;
}

export interface FlagProvider {
  kind: FlagProviderKind;
  label: string;
  // Reads the state from the provider itself; null when the flag does not exist there.
  read(flag: FlagRef): Promise<FlagState | null>;
  // Answers whether the provider is reachable and knows the flag, in words.
  check(flag: FlagRef): Promise<ProviderHealth>;
}
