import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { z } from "@/lib/input/zod";

// What a careless user or an attacker puts in a field, for the property tests over every action
// and route (issue 9: bad input is never a 500 and never a saved row a page cannot render).

const TEXT = [
  "\u0000",
  "nul\u0000inside",
  "\ud800",
  "lone \udc00 low",
  "ends with half \ud83d",
  "🚀 a whole pair",
  "",
  " ",
  "  padded  ",
  "x".repeat(4001),
  "y".repeat(70_000),
  "z".repeat(1_000_001),
  "<script>alert(1)</script>",
  "'; DROP TABLE releases; --",
  '=HYPERLINK("x")',
  "%00",
  "\\u0000",
  "null",
  "true",
  "0",
  "-1",
  "1e400",
  "NaN",
  "Infinity",
  "0x10",
  "99999999999",
  "2147483648",
  "__proto__",
  "constructor",
];
const DATES = [
  "0000-01-01",
  "10000-01-01",
  "2026-02-30",
  "2027-02-29",
  "1999-12-31",
  "2101-01-01",
  "0000-01-01T00:00",
  "10000-01-01T00:00",
  "+010000-01-01T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "9999-12-31T23:30-01:00",
  "2026-02-30T10:00",
  "2026-11-20T24:00",
  "275760-09-13T00:00:00Z",
];
const NUMBERS = [0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -1e308, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity];
const OTHER: unknown[] = [
  null,
  undefined,
  true,
  false,
  [],
  {},
  [null],
  [[["deep"]]],
  JSON.parse('{"__proto__":{"role":"ADMIN"}}'),
  new Date(Number.NaN),
  new Date(8.64e15),
  10n ** 30n,
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...OTHER),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 2 }),
);

// A hostile value as the text a URL or header carries. String() throws on an object whose own
// `toString` is not a function (fc.jsonValue makes `{"toString":"x"}`); such a value is sent as its JSON.
export function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? "";
  }
}

// Keys that mean something to JavaScript objects, sent as the body's own properties.
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "extra"];

// Most fields keep a plausible value, so the one or two hostile ones reach past the id checks
// into the action; a few are left out altogether.
export const PLAUSIBLE = Symbol("plausible");
const OMITTED = Symbol("omitted");

export interface HostileInput {
  whole?: unknown; // the input is not an object at all
  fields: Record<string, unknown>;
  extra: [string, unknown][];
}

export function hostileInput(fieldNames: string[]): fc.Arbitrary<HostileInput> {
  const field = fc.oneof(
    { weight: 8, arbitrary: fc.constant<unknown>(PLAUSIBLE) },
    { weight: 3, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant<unknown>(OMITTED) },
  );
  const fields = fc.record(Object.fromEntries(fieldNames.map((name) => [name, field])));
  const extra = fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileValue), { maxLength: 2 });
  return fc.oneof(
    { weight: 12, arbitrary: fc.record({ fields, extra }) },
    { weight: 1, arbitrary: fc.record({ whole: hostileValue, fields: fc.constant({}), extra: fc.constant<[string, unknown][]>([]) }) },
  );
}

// Builds the input, with hostile keys as own properties (as JSON.parse makes them), never as a prototype.
export function buildInput(input: HostileInput, plausible: (name: string) => unknown): unknown {
  if ("whole" in input) return input.whole;
  const out: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [key, value] of Object.entries(input.fields)) if (value !== OMITTED) set(key, value === PLAUSIBLE ? plausible(key) : value);
  for (const [key, value] of input.extra) set(key, value);
  return out;
}

// The fields of an action's input object, read from its zod schema (through refinements and pipes).
export function fieldsOf(schema: z.ZodType): Record<string, z.ZodType> {
  const def = schema._zod.def as { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType };
  if (def.shape) return def.shape;
  return def.type === "pipe" && def.in ? fieldsOf(def.in) : {};
}

// Values known to pass the field's own format, for fields no fixture names.
const BY_NAME: Record<string, unknown> = {
  signalKey: "p95_latency",
  signalName: "p95 latency",
  flagEnvironment: "production",
  performedOn: "2026-11-01",
  windowStart: "2026-11-20T10:00",
  windowEnd: "2026-11-20T12:00",
  url: "https://hooks.example.test/hostile",
  promql: "rate(errors[1m])",
  dbMetric: "lock_waits",
  dbSql: "SELECT 1",
  autoStopAfter: 3,
  windowSeconds: 60,
  stopThreshold: "2",
  warnThreshold: "1",
  sql: "ALTER TABLE t ADD COLUMN c int;",
  from: "template",
  verdict: "STOP",
  reason: "Checked",
};

// A value the field's schema accepts, found by walking the schema; the fallback for any new field.
export function sampleOf(name: string, schema: z.ZodType): unknown {
  if (name in BY_NAME) return BY_NAME[name];
  const def = schema._zod.def as {
    type: string;
    innerType?: z.ZodType;
    in?: z.ZodType;
    entries?: Record<string, unknown>;
    values?: unknown[];
    options?: z.ZodType[];
    element?: z.ZodType;
    format?: string;
  };
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return sampleOf(name, def.innerType!);
    case "pipe":
      return sampleOf(name, def.in!);
    case "enum":
      return Object.values(def.entries!)[0];
    case "literal":
      return def.values![0];
    case "union":
      return sampleOf(name, def.options![0]!);
    case "boolean":
      return true;
    case "number":
      return 1;
    case "array":
      return [sampleOf(name, def.element!)];
    case "string":
      return def.format === "uuid" ? randomUUID() : def.format === "url" ? BY_NAME.url : `Sample ${name}`;
    default:
      return undefined;
  }
}
