// A small reader of schema.prisma for the drift test: models with their table names, scalar
// fields with column names, optionality and lists, and enums. Relation fields are skipped.
// The drift test checks this reading against Prisma's own (the generated client's data model).

export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  isEnum: boolean;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);

function blocks(text: string, keyword: "model" | "enum"): { name: string; body: string[] }[] {
  const out: { name: string; body: string[] }[] = [];
  const pattern = new RegExp(`^${keyword}\\s+(\\w+)\\s*\\{([\\s\\S]*?)^\\}`, "gm");
  for (const match of text.matchAll(pattern)) {
    const body = match[2]!
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
    out.push({ name: match[1]!, body });
  }
  return out;
}

export function parseSchemaModels(text: string): { models: SchemaModel[]; enums: Record<string, string[]> } {
  const enums: Record<string, string[]> = {};
  for (const block of blocks(text, "enum")) enums[block.name] = block.body.filter((line) => !line.startsWith("@@"));

  const models = blocks(text, "model").map((block) => {
    const table = block.body.map((line) => line.match(/^@@map\("([^"]+)"\)/)?.[1]).find(Boolean) ?? block.name;
    const fields: SchemaField[] = [];
    for (const line of block.body) {
      if (line.startsWith("@@")) continue;
      const match = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/);
      if (!match) continue;
      const [, name, type, list, optional, rest] = match as unknown as [string, string, string, string | undefined, string | undefined, string];
      const isEnum = type in enums;
      if (!SCALARS.has(type) && !isEnum) continue; // a relation
      fields.push({
        name,
        type,
        column: rest.match(/@map\("([^"]+)"\)/)?.[1] ?? name,
        optional: optional === "?",
        list: list === "[]",
        isEnum,
      });
    }
    return { name: block.name, table, fields };
  });
  return { models, enums };
}
