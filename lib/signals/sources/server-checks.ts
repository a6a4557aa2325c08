import { SQL_METRIC } from "@/lib/signals/sources/database/config";
import { sqlSignalProblem } from "@/lib/signals/sources/database/sql-signal";
import type { SignalConfigColumns, SignalSourceKind } from "@/lib/signals/sources/types";

// Checks of a source's settings that need code the browser cannot load (the PostgreSQL parser is
// WASM), run after the source's own config schema by the criterion input schema on the server, so
// the form, the API and the action all refuse alike, with the error on the field.

export interface ConfigProblem {
  field: keyof SignalConfigColumns;
  message: string;
}

type ServerCheck = (config: Partial<SignalConfigColumns>) => ConfigProblem[];

export const SERVER_CONFIG_CHECKS: Partial<Record<SignalSourceKind, ServerCheck>> = {
  DATABASE: ({ dbMetric, dbSql }) => {
    const problem = dbMetric === SQL_METRIC && dbSql ? sqlSignalProblem(dbSql) : null;
    return problem ? [{ field: "dbSql", message: problem }] : [];
  },
};
