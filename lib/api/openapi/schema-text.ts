// The part of an OpenAPI 3.1 document the reference page reads, and a schema's type in a few words
// of HTML ("string (uuid)", "one of: GO, STOP", a link to a named schema).

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
}

interface Operation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  "x-scopes"?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const literal = (value: unknown) => `<code>${escapeHtml(JSON.stringify(value))}</code>`;

export function schemaType(schema: JsonSchema | undefined): string {
  if (!schema) return "any";
  if (schema.$ref) {
    const name = schema.$ref.split("/").pop()!;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return `one of: ${schema.enum.map(literal).join(", ")}`;
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(schemaType).join(" or ");
  const type = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
  if (type === "array") return `array of ${schemaType(schema.items)}`;
  // zod's z.int() states the safe-integer bounds: no limit worth showing a reader.
  const bound = (value?: number) => (value === undefined || Math.abs(value) >= Number.MAX_SAFE_INTEGER ? "" : String(value));
  const range = bound(schema.minimum) || bound(schema.maximum) ? ` ${bound(schema.minimum)}–${bound(schema.maximum)}` : "";
  const extra = [schema.format, schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : ""].filter(Boolean).join(", ");
  return `${escapeHtml(type)}${escapeHtml(range)}${extra ? ` (${escapeHtml(extra)})` : ""}`;
}
