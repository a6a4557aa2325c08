import "server-only";
import { withTarget, type TargetRef } from "@/lib/targets/pool";
import type { Expectation } from "@/lib/verify/expected";

// The target's catalog, read once for every claim of a stage: one statement on one of the
// instance's read-only sessions (2 s statement timeout), whatever the number of objects. Names are
// compared as stored (the parser has already folded unquoted ones), so "Users" and users differ.

export interface CatalogFact {
  present: boolean;
  // Indexes: pg_index.indisvalid; constraints: pg_constraint.convalidated; otherwise null.
  valid: boolean | null;
}

const CATALOG_SQL = `
  WITH e AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(i int, kind text, schema text, tbl text, name text))
  SELECT e.i,
         CASE e.kind
           WHEN 'table' THEN t.oid IS NOT NULL
           WHEN 'column' THEN EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attname = e.name AND a.attnum > 0 AND NOT a.attisdropped)
           WHEN 'index' THEN ix.indexrelid IS NOT NULL
           WHEN 'constraint' THEN co.oid IS NOT NULL
         END AS present,
         CASE e.kind WHEN 'index' THEN ix.indisvalid WHEN 'constraint' THEN co.convalidated END AS valid
    FROM e
    LEFT JOIN LATERAL (
      SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE e.kind <> 'index' AND n.nspname = e.schema AND c.relname = e.tbl AND c.relkind IN ('r', 'p', 'f')
    ) t ON true
    LEFT JOIN LATERAL (
      SELECT i.indexrelid, i.indisvalid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_index i ON i.indexrelid = c.oid
       WHERE e.kind = 'index' AND n.nspname = e.schema AND c.relname = e.name
    ) ix ON true
    LEFT JOIN LATERAL (
      SELECT co.oid, co.convalidated FROM pg_constraint co WHERE e.kind = 'constraint' AND co.conrelid = t.oid AND co.conname = e.name
    ) co ON true
   ORDER BY e.i`;

/** One fact per expectation, in the same order. Throws what the driver throws when the target does not answer. */
export async function readCatalog(target: TargetRef, expectations: readonly Expectation[]): Promise<CatalogFact[]> {
  if (expectations.length === 0) return [];
  const rows = expectations.map((e, i) => ({ i, kind: e.kind, schema: e.schema, tbl: e.table, name: e.name }));
  const result = await withTarget(target, (client) =>
    client.query<{ i: number; present: boolean; valid: boolean | null }>({
      name: "switchback_schema_check",
      text: CATALOG_SQL,
      values: [JSON.stringify(rows)],
    }),
  );
  return result.rows.map((row) => ({ present: row.present, valid: row.valid }));
}
