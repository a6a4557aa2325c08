import { z } from "@/lib/input/zod";

// The one reader of dates and times typed by people or sent by scripts. JavaScript's Date quietly
// rolls 2026-02-30 over to March 2 and accepts years PostgreSQL refuses (0000) or that have no
// four-digit ISO form (10000, which then fails every page that prints the release). So a value is
// taken only when it names a real day of a year in the range below, and read back the same.

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
const RANGE = `a year from ${MIN_YEAR} to ${MAX_YEAR}`;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// <input type="datetime-local"> sends no zone and no seconds unless asked; a script may add both.
const DAY_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))?$/i;

export type Parsed = { ok: true; date: Date } | { ok: false; message: string };

function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date | null {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear puts them back before the round trip.
  date.setUTCFullYear(year);
  const same = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return same && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second ? date : null;
}

const inRange = (date: Date, label: string): Parsed => {
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? { ok: true, date } : { ok: false, message: `${label} must be in ${RANGE}` };
};

// A calendar day, YYYY-MM-DD, as midnight UTC.
export function parseDay(value: string): Parsed {
  const m = DAY.exec(value);
  const date = m && utc(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!date) return { ok: false, message: "Enter a real date as YYYY-MM-DD" };
  return inRange(date, "The date");
}

// A moment, YYYY-MM-DDTHH:MM[:SS[.mmm]][Z|±HH:MM]; without a zone it is UTC (every page shows UTC).
export function parseDateTime(value: string): Parsed {
  const m = DAY_TIME.exec(value);
  const local = m && utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Number((m[7] ?? "0").padEnd(3, "0")));
  const offsetHours = Number(m?.[10] ?? 0);
  const offsetMinutes = Number(m?.[11] ?? 0);
  if (!m || !local || offsetHours > 23 || offsetMinutes > 59) return { ok: false, message: "Enter a real date and time, e.g. 2026-11-20T14:30" };
  const offsetMs = (m[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return inRange(new Date(local.getTime() - offsetMs), "The time");
}

const fromParsed = (parse: (value: string) => Parsed) => (value: string, ctx: z.RefinementCtx) => {
  const parsed = parse(value);
  if (parsed.ok) return parsed.date;
  ctx.addIssue({ code: "custom", message: parsed.message });
  return z.NEVER;
};

// Schemas for forms and APIs: an optional moment (empty means none) and a required day kept as text.
export const optionalDateTime = z
  .union([z.string(), z.null()], "Enter a date and time")
  .optional()
  .transform((value, ctx) => (value ? fromParsed(parseDateTime)(value, ctx) : null));

export const dayString = (message: string) =>
  z.string(message).superRefine((value, ctx) => {
    const parsed = parseDay(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: value ? parsed.message : message, continue: false });
  });
