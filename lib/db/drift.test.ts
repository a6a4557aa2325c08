import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDb } from "@/lib/testing/db";
import { parseSchemaModels, type SchemaField } from "@/lib/testing/prisma-schema";

// schema.prisma and the migrated database must agree: every scalar field of every model is a
// column of a compatible type and nullability, every column is a field, and every enum has the
// same values. A field added to the schema without a migration fails here.

interface RuntimeDataModel {
  models: Record<string, { dbName: string | null; fields: { name: string; kind: string; type: string; dbName?: string | null }[] }>;
}

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
}

const SCALAR_TYPES: Record<string, string[]> = {
  String: ["text", "character varying", "uuid"],
  Int: ["integer"],
  BigInt: ["bigint"],
  Float: ["double precision"],
  Boolean: ["boolean"],
  DateTime: ["timestamp with time zone", "timestamp without time zone", "date"],
  Json: ["jsonb", "json"],
  Decimal: ["numeric"],
  Bytes: ["bytea"],
};

const LIST_UDT: Record<string, string> = {
  String: "_text",
  Int: "_int4",
  BigInt: "_int8",
  Float: "_float8",
  Boolean: "_bool",
  DateTime: "_timestamptz",
  Json: "_jsonb",
};

function compatible(field: SchemaField, column: Column): boolean {
  if (field.list) return column.data_type === "ARRAY" && column.udt_name === (field.isEnum ? `_${field.type}` : LIST_UDT[field.type]);
  if (field.isEnum) return column.data_type === "USER-DEFINED" && column.udt_name === field.type;
  return (SCALAR_TYPES[field.type] ?? []).includes(column.data_type);
}

const schemaText = readFileSync(path.resolve("prisma/schema.prisma"), "utf8");
const { models, enums } = parseSchemaModels(schemaText);

describe("schema.prisma and the migrated database", async () => {
  const db = testDb();
  const columns = await db.$queryRawUnsafe<Column[]>(
    `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const enumRows = await db.$queryRawUnsafe<{ name: string; value: string }[]>(
    `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
  );

  it("reads schema.prisma as Prisma itself does", () => {
    const prisma = (db as unknown as { _runtimeDataModel: RuntimeDataModel })._runtimeDataModel;
    const theirs = Object.entries(prisma.models).map(([name, model]) => ({
      name,
      table: model.dbName ?? name,
      fields: model.fields.filter((f) => f.kind !== "object").map((f) => [f.name, f.dbName ?? f.name, f.type]),
    }));
    const ours = models.map((m) => ({ name: m.name, table: m.table, fields: m.fields.map((f) => [f.name, f.column, f.type]) }));
    expect(ours).toEqual(theirs);
  });

  it("has every model as a table", () => {
    const tables = new Set(columns.map((c) => c.table_name));
    expect(models.filter((m) => !tables.has(m.table)).map((m) => m.name)).toEqual([]);
  });

  it.each(models.map((m) => [m.name, m] as const))("%s: every field is a column of a compatible type", (_name, model) => {
    const mismatches: string[] = [];
    for (const field of model.fields) {
      const column = columns.find((c) => c.table_name === model.table && c.column_name === field.column);
      if (!column) mismatches.push(`${field.name}: no column ${model.table}.${field.column}`);
      else if (!compatible(field, column)) mismatches.push(`${field.name}: ${field.type} vs ${column.data_type} (${column.udt_name})`);
      else if (!field.list && (column.is_nullable === "YES") !== field.optional) mismatches.push(`${field.name}: nullability differs`);
    }
    expect(mismatches).toEqual([]);
  });

  it.each(models.map((m) => [m.name, m] as const))("%s: every column is a field", (_name, model) => {
    const known = new Set(model.fields.map((f) => f.column));
    const extra = columns.filter((c) => c.table_name === model.table && !known.has(c.column_name)).map((c) => c.column_name);
    expect(extra).toEqual([]);
  });

  it("has the same enums with the same values", () => {
    const inDb: Record<string, string[]> = {};
    for (const row of enumRows) (inDb[row.name] ??= []).push(row.value);
    expect(inDb).toEqual(enums);
  });
});
