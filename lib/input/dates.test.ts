import { describe, expect, it } from "vitest";
import { parseDateTime, parseDay } from "@/lib/input/dates";

// Dates are taken only when they name a real moment between 2000 and 2100, read back the same.

const iso = (result: ReturnType<typeof parseDay>) => (result.ok ? result.date.toISOString() : result.message);

describe("parseDay", () => {
  it.each([
    ["2026-11-20", "2026-11-20T00:00:00.000Z"],
    ["2028-02-29", "2028-02-29T00:00:00.000Z"],
    ["2000-01-01", "2000-01-01T00:00:00.000Z"],
    ["2100-12-31", "2100-12-31T00:00:00.000Z"],
  ])("takes %s", (value, expected) => expect(iso(parseDay(value))).toBe(expected));

  it.each(["2026-02-30", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-5", " 2026-11-20", "2026-11-20T00:00", "", "tomorrow"])(
    "refuses %j as not a date",
    (value) => {
      expect(parseDay(value)).toEqual({ ok: false, message: "Enter a real date as YYYY-MM-DD" });
    },
  );

  it.each(["0000-01-01", "0099-12-31", "1999-12-31", "2101-01-01", "9999-12-31"])("refuses %s as out of range", (value) => {
    expect(parseDay(value)).toEqual({ ok: false, message: "The date must be in a year from 2000 to 2100" });
  });
});

describe("parseDateTime", () => {
  it.each([
    ["2026-11-20T14:30", "2026-11-20T14:30:00.000Z"],
    ["2026-11-20T14:30:05", "2026-11-20T14:30:05.000Z"],
    ["2026-11-20T14:30:05.1Z", "2026-11-20T14:30:05.100Z"],
    ["2026-11-20T14:30:05.123z", "2026-11-20T14:30:05.123Z"],
    ["2026-11-20T14:30+02:00", "2026-11-20T12:30:00.000Z"],
    ["2026-11-20T23:30-01:30", "2026-11-21T01:00:00.000Z"],
  ])("takes %s as %s", (value, expected) => expect(iso(parseDateTime(value))).toBe(expected));

  it.each([
    "2026-02-30T10:00",
    "2026-11-20T24:00",
    "2026-11-20T12:60",
    "2026-11-20T12:00:60",
    "2026-11-20T12:00+24:00",
    "2026-11-20",
    "+010000-01-01T00:00:00Z",
    "10000-01-01T00:00",
    "2026-11-20 14:30",
    "1764000000000",
  ])("refuses %j as not a date and time", (value) =>
    expect(parseDateTime(value)).toMatchObject({ ok: false, message: expect.stringMatching(/^Enter a real date and time/) }),
  );

  it.each(["0000-01-01T00:00", "1999-12-31T23:59:59Z", "2100-12-31T23:30-01:00", "9999-12-31T23:30-01:00"])("refuses %s as out of range in UTC", (value) => {
    expect(parseDateTime(value)).toEqual({ ok: false, message: "The time must be in a year from 2000 to 2100" });
  });
});
