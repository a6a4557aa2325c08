// "Reload and reapply" after a conflicting save: keep every field this person changed, take every
// other field as it is now, and say what the other editor changed (and where both changed the
// same field, that this person's value replaces theirs). Values are the form's strings.

export type FormValues = Record<string, string>;

export interface Reapplied {
  values: FormValues;
  // Fields only the other editor changed: their value is kept.
  theirs: string[];
  // Fields both changed, differently: this person's value replaces theirs.
  both: string[];
}

export function reapply(opened: FormValues, mine: FormValues, latest: FormValues): Reapplied {
  const values: FormValues = { ...latest };
  const theirs: string[] = [];
  const both: string[] = [];
  for (const key of new Set([...Object.keys(opened), ...Object.keys(mine), ...Object.keys(latest)])) {
    const byMe = (mine[key] ?? "") !== (opened[key] ?? "");
    const byThem = (latest[key] ?? "") !== (opened[key] ?? "");
    if (byThem) (byMe && mine[key] !== latest[key] ? both : theirs).push(key);
    if (byMe && key in mine) values[key] = mine[key]!;
  }
  return { values, theirs, both };
}
