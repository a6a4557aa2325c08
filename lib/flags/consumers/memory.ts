// What this instance knows of its consumers between flushes (tracker.ts fills it, flush.ts writes
// it). One object on globalThis, so a module loaded twice (Next.js bundles) shares it.

export type Via = "stream" | "bulk" | "single";

export interface Entry {
  flagKey: string;
  environment: string;
  consumer: string;
  tokenName: string;
  // What it was served last (not the newest version ever: a lagging instance may answer later).
  enabled: boolean;
  version: number;
  // When this instance first served it the version it now holds, and when it last served it.
  versionAt: Date;
  servedAt: Date;
  lastSeen: Date;
  via: Via;
  // Counts against its token's cap of distinct consumer ids for the flag.
  counted: boolean;
  flushed: { enabled: boolean; version: number; servedAt: number; seen: number } | null;
}

// An open event stream of a consumer this instance holds nothing for (its evaluation was answered
// by another instance, or before a restart): still "seen", though nothing was served here.
export interface Sighting {
  environment: string;
  consumer: string;
  // null: every flag of the environment (a token not scoped to a release).
  flagKey: string | null;
  seen: number;
  flushedSeen: number | null;
}

export interface State {
  // By `environment \n consumer`, then by flag key: a stream's heartbeat touches one consumer.
  consumers: Map<string, Map<string, Entry>>;
  size: number;
  // Distinct consumer ids per `environment \n flag \n token name`.
  ids: Map<string, number>;
  sightings: Map<string, Sighting>;
  // When this instance learned that a flag changed, by `environment \n flag key`.
  changedAt: Map<string, number>;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
  wired: boolean;
}

export const state = ((globalThis as unknown as { switchbackConsumerMemory?: State }).switchbackConsumerMemory ??= {
  consumers: new Map(),
  size: 0,
  ids: new Map(),
  sightings: new Map(),
  changedAt: new Map(),
  timer: null,
  flushing: null,
  wired: false,
});

export const consumerKey = (environment: string, consumer: string) => `${environment}\n${consumer}`;
export const flagOf = (environment: string, flagKey: string) => `${environment}\n${flagKey}`;
export const idsKey = (environment: string, flagKey: string, tokenName: string) => `${environment}\n${flagKey}\n${tokenName}`;
