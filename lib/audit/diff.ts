import { fieldSpec, formatFieldValue } from "@/lib/audit/fields";

// An event's before and after as rows a person reads (Field | Before | After), and the few of
// them that fit in its one-line headline. Pure: the append path (describe.ts) and the pages use it.

export interface ChangeRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// Reasons that let something through a guard (lint errors at "ready", an admin reassigning owners
// after the deploy started, a stage completed despite open items). The first one an event carries.
const OVERRIDE_KEYS = ["overrideReason", "lintOverrideReason", "reassignReason"];

export function overrideReason(after: unknown): string | null {
  const a = asObject(after);
  for (const key of OVERRIDE_KEYS) {
    const value = a[key];
    if (typeof value === "string" && value.trim()) return value.trim();
  }
  return null;
}

// Every field either side carries, in the order the event names them, except row ids and the
// signal snapshot (shown as a list of its own). `names` resolves user ids the page can name.
export function changeRows(before: unknown, after: unknown, names?: ReadonlyMap<string, string>): ChangeRow[] {
  const b = asObject(before);
  const a = asObject(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.flatMap((key) => {
    const spec = fieldSpec(key);
    if (spec.kind.type === "hidden") return [];
    const had = key in b;
    const has = key in a;
    const word = (present: boolean, value: unknown) => (present ? formatFieldValue(spec, value, names) : "—");
    return [{ key, label: spec.label, before: word(had, b[key]), after: word(has, a[key]), changed: !had || !has || !same(b[key], a[key]) }];
  });
}

// Longer values would push the headline past one line; the table has them.
const HEADLINE_VALUE = 40;
// Said elsewhere in the headline: the return to draft ("back to draft") and the override.
const NOT_IN_HEADLINE = new Set(["status", "statusReason", "flagCreated", ...OVERRIDE_KEYS]);

// "Auto-stop: off → on", or only the label where values are long, prose or a person's id.
export function changedFieldsPhrase(before: unknown, after: unknown): string {
  const b = asObject(before);
  const a = asObject(after);
  const parts = Object.keys(a).flatMap((key) => {
    const spec = fieldSpec(key);
    if (spec.kind.type === "hidden" || NOT_IN_HEADLINE.has(key) || same(b[key], a[key])) return [];
    if (spec.kind.type === "long" || spec.kind.type === "person") return [spec.label];
    const quote = (word: string) => (spec.kind.type === "text" && word !== "—" ? `“${word}”` : word);
    const from = quote(key in b ? formatFieldValue(spec, b[key]) : "—");
    const to = quote(formatFieldValue(spec, a[key]));
    return from.length + to.length > HEADLINE_VALUE * 2 ? [spec.label] : [`${spec.label}: ${from} → ${to}`];
  });
  return parts.join("; ");
}
