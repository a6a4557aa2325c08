// Absolute times are shown in UTC with the zone named: people on one call sit in several zones.

export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDate(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : "—";
}

export function formatWindow(start: Date | null, end: Date | null): string {
  if (!start && !end) return "Not scheduled";
  if (start && end && start.toISOString().slice(0, 10) === end.toISOString().slice(0, 10)) {
    return `${formatDateTime(start).replace(" UTC", "")}–${end.toISOString().slice(11, 16)} UTC`;
  }
  return `${formatDateTime(start)} – ${formatDateTime(end)}`;
}

export function formatRelative(date: Date, now = new Date()): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const [value, unit] =
    abs < 60
      ? [seconds, "second"]
      : abs < 3600
        ? [Math.round(seconds / 60), "minute"]
        : abs < 86400
          ? [Math.round(seconds / 3600), "hour"]
          : [Math.round(seconds / 86400), "day"];
  return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(-value, unit as Intl.RelativeTimeFormatUnit);
}

export function formatTime(date: Date): string {
  return `${formatTimeOfDay(date)} UTC`;
}

// An incident's clock: minutes and seconds since it started ("03:07"); past ten minutes it keeps counting.
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

const iso = (at: Date | number) => (typeof at === "number" ? new Date(at) : at).toISOString();

// Audit times to the second, in UTC and saying so: reviewers sit in several time zones.
export const formatInstant = (at: Date | number): string => `${iso(at).slice(0, 19).replace("T", " ")} UTC`;

// Time of day to the second without the zone, where the zone is said once nearby (charts, strips).
export const formatTimeOfDay = (at: Date | number): string => iso(at).slice(11, 19);

// Hours and minutes in UTC ("13:16 UTC"), for sentences.
export const formatHourMinute = (at: Date | number): string => `${iso(at).slice(11, 16)} UTC`;

// The value of a datetime-local input, in UTC (the forms say so in their labels).
export const toDateTimeInput = (date: Date | null): string => (date ? iso(date).slice(0, 16) : "");

// The value of a date input.
export const toDateInput = (date: Date): string => iso(date).slice(0, 10);
