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

export type FlipResult =
  | { kind: "applied"; state: FlagState }
  // The flag was not in the state the caller expected: nothing was changed; `state` is what it is.
  | { kind: "conflict"; state: FlagState }
  | { kind: "missing" };

// The provider could not be reached or answered with an error; the message is one plain
// sentence for the person at the kill switch, e.g. "Unleash did not answer in 3 s — the flag was
// not changed".
export class FlagProviderUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FlagProviderUnavailable";
  }
}

export interface FlagProvider {
  kind: FlagProviderKind;
  label: string;
  // Reads the state from the provider itself; null when the flag does not exist there.
  read(flag: FlagRef): Promise<FlagState | null>;
  // Answers whether the provider is reachable and knows the flag, in words.
  check(flag: FlagRef): Promise<ProviderHealth>;
  // Sets the flag to `next` only if it is currently `expected` (compare-and-set).
  set(flag: FlagRef, expected: boolean, next: boolean, actor: { id: string | null; label: string }): Promise<FlipResult>;
}
