import { demoSource } from "@/lib/signals/sources/demo/source";
import { prometheusSource } from "@/lib/signals/sources/prometheus/source";
import { pushSource } from "@/lib/signals/sources/push/source";
import type { SignalSource, SignalSourceKind } from "@/lib/signals/sources/types";

// Every signal source, by its enum value: one line per source. Server only (polling reads the
// environment and the database); the browser reads catalog.ts.

export const SIGNAL_SOURCES = {
  PUSH: pushSource,
  PROMETHEUS: prometheusSource,
  DEMO: demoSource,
} as const satisfies Record<SignalSourceKind, SignalSource>;
