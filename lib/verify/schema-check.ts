import { formatHourMinute } from "@/lib/format/time";
import type { Expectation, ObjectKind, Want } from "@/lib/verify/expected";

// Browser-safe: the stored result of a schema check (stages.schema_check) and its sentences.

export type Found = "ok" | "missing" | "invalid" | "not_validated" | "still_there";

export interface CheckedObject {
  kind: ObjectKind;
  want: Want;
  label: string;
  found: Found;
}

// verified: every claim holds; failing: the target answered and some claim does not hold;
// unchecked: the target did not answer (or the SQL could not be read), so nothing is known.
export type SchemaCheckState = "verified" | "failing" | "unchecked";

export interface SchemaCheck {
  ok: boolean;
  state: SchemaCheckState;
  checkedAt: string;
  // The target database's name, as the admin registered it.
  database: string;
  message: string;
  objects: CheckedObject[];
}

const PLURAL: Record<ObjectKind, string> = { table: "tables", column: "columns", index: "indexes", constraint: "constraints" };

// "column users.a", "columns users.a, users.b and index users_b_idx", then the verb by count.
function named(objects: CheckedObject[], singular: string, plural: string): string {
  const kinds = [...new Set(objects.map((o) => o.kind))];
  const groups = kinds.map((kind) => {
    const labels = objects.filter((o) => o.kind === kind).map((o) => o.label);
    return `${labels.length > 1 ? PLURAL[kind] : kind} ${labels.join(", ")}`;
  });
  const list = groups.length > 1 ? `${groups.slice(0, -1).join(", ")} and ${groups.at(-1)}` : groups[0];
  return `${list} ${objects.length > 1 ? plural : singular}`;
}

const labels = (objects: CheckedObject[], singular: string, plural: string) =>
  `${objects.map((o) => o.label).join(", ")} ${objects.length > 1 ? plural : singular}`;

export function verifiedMessage(database: string, at: Date, objects: CheckedObject[]): string {
  const exist = objects.filter((o) => o.want === "present" || o.want === "valid");
  const validated = objects.filter((o) => o.want === "validated");
  const gone = objects.filter((o) => o.want === "gone");
  const parts = [
    exist.length ? labels(exist, "exists", "exist") : "",
    validated.length ? labels(validated, "is validated", "are validated") : "",
    gone.length ? labels(gone, "is gone", "are gone") : "",
  ].filter(Boolean);
  return `Verified in ${database} at ${formatHourMinute(at)}: ${parts.join("; ")}`;
}

export function failingMessage(objects: CheckedObject[]): string {
  const missing = objects.filter((o) => o.found === "missing");
  const still = objects.filter((o) => o.found === "still_there");
  const notApplied = [missing.length ? named(missing, "is missing", "are missing") : "", still.length ? named(still, "is still there", "are still there") : ""]
    .filter(Boolean)
    .join("; ");
  const sentences = [
    notApplied ? `Not applied yet: ${notApplied}` : "",
    ...objects
      .filter((o) => o.found === "invalid")
      .map((o) => `Index ${o.label} exists but is not valid (a failed CREATE INDEX CONCURRENTLY? drop and re-create it)`),
    ...objects
      .filter((o) => o.found === "not_validated")
      .map((o) => `Constraint ${o.label} exists but is not validated yet (its VALIDATE CONSTRAINT has not run or failed)`),
  ];
  return sentences.filter(Boolean).join(". ");
}

/** What the catalog says about one claim. */
export function judge(expectation: Expectation, fact: { present: boolean; valid: boolean | null }): Found {
  if (expectation.want === "gone") return fact.present ? "still_there" : "ok";
  if (!fact.present) return "missing";
  if (expectation.want === "valid" && fact.valid === false) return "invalid";
  if (expectation.want === "validated" && fact.valid === false) return "not_validated";
  return "ok";
}

// A stored value (jsonb) read back: anything that is not a check reads as none.
export function asSchemaCheck(value: unknown): SchemaCheck | null {
  const v = value as Partial<SchemaCheck> | null;
  return v && typeof v === "object" && typeof v.message === "string" && typeof v.ok === "boolean" && typeof v.checkedAt === "string"
    ? (v as SchemaCheck)
    : null;
}

// Whether a new result says anything the stored one does not (the time aside). Field by field:
// jsonb does not keep an object's key order.
export function sameResult(a: SchemaCheck | null, b: SchemaCheck | null): boolean {
  const essence = (c: SchemaCheck | null) =>
    c ? JSON.stringify([c.ok, c.state, c.database, c.objects.map((o) => [o.kind, o.want, o.label, o.found]), c.ok ? null : c.message]) : null;
  return essence(a) === essence(b);
}
