import { AppError, type FieldErrors } from "@/lib/errors";

// PostgreSQL text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8 form
// (jsonb refuses its \ud800 escape; a text column would silently get U+FFFD). Either one, left to
// the database, surfaces as a driver error deep inside a transaction: a 500 that names nothing.
// Checking every string of a request up front names the field instead, before anything is saved.

// In a /u pattern a well-formed surrogate pair is one code point, so \p{Cs} matches only lone halves.
const UNSTORABLE = /[\u0000\p{Cs}]/u;
const WHAT = "a character that cannot be stored (a NUL byte or a broken Unicode character)";
// Enough to name every field of a form; a hostile body with thousands of them gets the first few.
const MAX_REPORTED = 20;

export const isStorableText = (value: string): boolean => !UNSTORABLE.test(value);

// The paths ("stages.0.title", "" for the root) of every string or key that cannot be stored.
// Walked with an explicit stack: a 64 KB body can nest arrays deeper than the call stack.
export function unstorableTextPaths(input: unknown): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: input, path: "" }];
  const seen = new Set<object>();
  while (stack.length && found.length < MAX_REPORTED) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      if (!isStorableText(value)) found.push(path);
      continue;
    }
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    for (const [key, child] of Object.entries(value).reverse()) {
      const childPath = path ? `${path}.${key}` : key;
      if (!isStorableText(key)) found.push(childPath);
      else stack.push({ value: child, path: childPath });
    }
  }
  return found;
}

// Throws INVALID with one field error per offending path; `root` names a bare string input.
export function assertStorableText(input: unknown, root = "form"): void {
  const paths = unstorableTextPaths(input);
  if (!paths.length) return;
  const fieldErrors: FieldErrors = Object.fromEntries(paths.map((path) => [path || root, [`This text contains ${WHAT}; remove it.`]]));
  throw new AppError("INVALID", `The field ${paths[0] || root} contains ${WHAT}.`, fieldErrors);
}
