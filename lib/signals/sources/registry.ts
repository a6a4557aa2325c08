import { databaseSource } from "@/lib/signals/sources/database/source";
import { demoSource } from "@/lib/signals/sources/demo/source";
import { prometheusSource } from "@/lib/signals/sources/prometheus/source";
import { pushSource } from "@/lib/signals/sources/push/source";
import type { SignalSource, SignalSourceKind, SourceHealth } from "@/lib/signals/sources/types";

// Every signal source, by its enum value: one line per source. Server only (polling reads the
// environment and the database); the browser reads catalog.ts.

export const SIGNAL_SOURCES = {
  PUSH: pushSource,
  PROMETHEUS: prometheusSource,
  DATABASE: databaseSource,
  DEMO: demoSource,
} as const satisfies Record<SignalSourceKind, SignalSource>;

// Whether this server can use each source, in words, for the forms that offer them.
export function signalSourceHealth(): Record<SignalSourceKind, SourceHealth> {
  return Object.fromEntries(Object.values(SIGNAL_SOURCES).map((source) => [source.kind, source.health()])) as Record<SignalSourceKind, SourceHealth>;
}
