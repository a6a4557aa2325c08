import type { z } from "@/lib/input/zod";
import type { LeaderLoop, LeaderShared } from "@/lib/live/leader";
import type { SignalSource as SignalSourceKind } from "@/lib/generated/prisma/enums";

// One interface for every signal source (push, Prometheus, the demo generator). The part a
// browser may see (labels, config schema, form fields) is the catalog entry; the registry adds
// what only the server runs (polling, health).

export type { SignalSourceKind };

// The signal columns a source's per-signal settings are stored in. A new setting is a column
// (and a migration); its config schema names it, so a field error lands on the form field.
export interface SignalConfigColumns {
  promql: string | null;
  dbMetric: string | null;
  dbSql: string | null;
}

export type SignalUnit = "PERCENT" | "MILLISECONDS" | "SECONDS" | "COUNT";

/** A choice of a "select" field; `unit`, when given, is the signal's unit whenever it is chosen. */
export interface ConfigOption {
  value: string;
  label: string;
  unit?: SignalUnit;
}

/** A field of a source's config as the criterion form renders it. */
export interface ConfigField {
  name: keyof SignalConfigColumns;
  label: string;
  hint?: string;
  // "code" is a one-line text input in a monospace font (a query, an expression); "sql" a
  // multi-line one; "select" one of `options`.
  input: "text" | "code" | "sql" | "select";
  options?: readonly ConfigOption[];
  /** Shown (and sent) only while another field of the source holds this value. */
  shownWhen?: { field: keyof SignalConfigColumns; equals: string };
}

export interface SourceCatalogEntry {
  kind: SignalSourceKind;
  /** What the criterion form's "Values come from" offers, e.g. "Prometheus query". */
  label: string;
  /** The short tag next to a signal's key in the criteria list, e.g. "Prometheus". */
  tag: string;
  /** Whether people may choose it for a criterion; the demo generator is seeded, never chosen. */
  selectable: boolean;
  /** Whether it reads the release's target database, so a criterion needs one chosen first. */
  needsTarget?: boolean;
  /** Validates the source's settings from the criterion form, API or action input. */
  config: z.ZodType<Partial<SignalConfigColumns>>;
  /** The form fields for `config`, in order; empty when the source needs no settings. */
  fields: readonly ConfigField[];
}

export interface SourceHealth {
  ok: boolean;
  /** One plain sentence, e.g. "Prometheus is not configured on this server: set PROMETHEUS_URL." */
  message: string;
}

interface SourceRuntime {
  /** Whether this server can use the source at all, in words. */
  health(): SourceHealth;
}

/** The server fetches the values: `start` begins its polling loop, which works on the leader only. */
export interface PollSource extends SourceCatalogEntry, SourceRuntime {
  mode: "poll";
  start(instance: { databaseUrl: string; shared: LeaderShared }): LeaderLoop;
}

/** Values arrive from outside (the push API); the server only stores them. */
export interface PushSource extends SourceCatalogEntry, SourceRuntime {
  mode: "push";
}

export type SignalSource = PollSource | PushSource;
