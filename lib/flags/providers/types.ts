import type { Db, Tx } from "@/lib/db";
import type { Sql } from "@/lib/db/sql";
import type { FlagProviderKind } from "@/lib/flags/providers/catalog";

// One small interface for every flag provider (built-in, Unleash; others can follow: see
// CONTRIBUTING.md). Each lives in a folder beside this file and is named in registry.ts.

export type { FlagProviderKind };

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
  // The built-in provider's row version (what OFREP's ETag is made of); other providers leave it out.
  version?: number;
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
  // The flag in words for people: "checkout-v2 in production (Unleash)".
  describe(flag: FlagRef): string;
  // Reads the state from the provider itself; null when the flag does not exist there.
  read(flag: FlagRef): Promise<FlagState | null>;
  // Answers whether the provider is reachable and knows the flag, in words.
  health(flag: FlagRef): Promise<ProviderHealth>;
  // Sets the flag to `next` only if it is currently `expected` (compare-and-set).
  set(flag: FlagRef, expected: boolean, next: boolean, actor: { id: string | null; label: string }): Promise<FlipResult>;
}

// A provider as the registry knows it: whether this server is set up for it, and how to make one.
export interface FlagProviderPlugin {
  kind: FlagProviderKind;
  // Null when it can be used; otherwise one sentence saying what the server lacks.
  unconfigured(): string | null;
  // `db` may be a transaction, so that a built-in flip commits with its audit event.
  create(db: Db | Tx | Sql): FlagProvider;
}
