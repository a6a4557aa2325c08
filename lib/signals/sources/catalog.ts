import { databaseCatalog } from "@/lib/signals/sources/database/config";
import { demoCatalog } from "@/lib/signals/sources/demo/config";
import { prometheusCatalog } from "@/lib/signals/sources/prometheus/config";
import { pushCatalog } from "@/lib/signals/sources/push/config";
import type { ConfigField, SignalConfigColumns, SignalSourceKind, SourceCatalogEntry } from "@/lib/signals/sources/types";

// The browser-safe half of the registry (labels, config schemas, form fields): the criterion
// form and the shared input schemas read it. One line per source; registry.ts adds the runtime.

export const SOURCE_CATALOG = {
  PUSH: pushCatalog,
  PROMETHEUS: prometheusCatalog,
  DATABASE: databaseCatalog,
  DEMO: demoCatalog,
} as const satisfies Record<SignalSourceKind, SourceCatalogEntry>;

/** The sources a person may choose for a criterion, in the order the form offers them. */
export const SELECTABLE_SOURCES: SourceCatalogEntry[] = Object.values(SOURCE_CATALOG).filter((source) => source.selectable);

export const SELECTABLE_SOURCE_KINDS = SELECTABLE_SOURCES.map((source) => source.kind) as [SignalSourceKind, ...SignalSourceKind[]];

/** Every config field of every selectable source, once per name (sources may share a column). */
export const CONFIG_FIELD_NAMES: ConfigField["name"][] = [...new Set(SELECTABLE_SOURCES.flatMap((source) => source.fields.map((field) => field.name)))];

/** The settings columns of a signal whose source uses none of them. */
export const NO_CONFIG: SignalConfigColumns = { promql: null, dbMetric: null, dbSql: null };

export function selectableSource(kind: unknown): SourceCatalogEntry | null {
  return SELECTABLE_SOURCES.find((source) => source.kind === kind) ?? null;
}
