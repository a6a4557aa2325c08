import { z } from "@/lib/input/zod";
import { fieldErrorsOf, type FieldErrors } from "@/lib/errors";
import { MAX_YEAR, MIN_YEAR, parseDateTime, parseDay } from "@/lib/input/dates";
import { isStorableText } from "@/lib/input/storable-text";
import { isUuid } from "@/lib/uuid";

// The global audit log's filters and keyset cursors, read from a URL (the page's searchParams or
// the export route's query) by one schema, so a shared link means the same set in both places.

export interface AuditFilters {
  releaseId?: string;
  // A user is named by id; a system actor ("Switchback auto-stop") only by its label.
  actorId?: string;
  actorLabel?: string;
  action?: string;
  from?: Date; // inclusive
  to?: Date; // exclusive
  // Sign-ins are left out unless asked for (lib/audit/log/sign-ins.ts).
  showSignIns?: true;
}

// The (at, id) of the row a page starts after; "older" walks down the log, "newer" back up.
export interface AuditCursor {
  at: Date;
  id: string;
  direction: "older" | "newer";
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

// <input type="datetime-local"> sends no zone: every time on the page is UTC, so the input is too.
// A bare date as the upper bound means "through that day". Read by the app's one strict date
// parser: a rolled-over day or a year PostgreSQL cannot take would fail the query, not the field.
const instant = (bound: "from" | "to") =>
  z.string().transform((value, ctx) => {
    const day = value.length === 10;
    const parsed = day ? parseDay(value) : parseDateTime(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `must be a UTC date and time from ${MIN_YEAR} to ${MAX_YEAR}, e.g. 2026-11-20T14:30` });
      return z.NEVER;
    }
    return bound === "to" && day ? new Date(parsed.date.getTime() + 86_400_000) : parsed.date;
  });

// A cursor names a row's time: never past year 9999, the last one PostgreSQL reads back as ISO.
const LAST_CURSOR_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const cursor = z.string().transform((value, ctx) => {
  const match = /^(\d{1,15})_(\d{1,19})$/.exec(value);
  if (!match || Number(match[1]) > LAST_CURSOR_MS) {
    ctx.addIssue({ code: "custom", message: "must be a page cursor from the Newer or Older link" });
    return z.NEVER;
  }
  return { at: new Date(Number(match[1])), id: match[2]! };
});

// The filters as fields (the export route's query in the OpenAPI document reads them from here).
export const auditQueryFields = z.object({
  release: z.string().refine(isUuid, "must be a release id").optional().meta({ description: "Only this release's events (its id)." }),
  actor: z
    .string()
    .max(200, "must be a user id or a system actor's name")
    .refine(isStorableText, "must be a user id or a system actor's name")
    .optional()
    .meta({ description: "A user id, or a system actor's name." }),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.]{0,99}$/, "must be an audit action, e.g. flag.changed")
    .optional()
    .meta({ description: "An audit action, e.g. flag.changed." }),
  from: instant("from").optional().meta({ description: "UTC date or date-time, inclusive." }),
  to: instant("to").optional().meta({ description: "UTC date or date-time, exclusive; a bare date means through that day." }),
  before: cursor.optional(),
  after: cursor.optional(),
  format: z.enum(["csv", "json"], { error: "must be csv or json" }).default("csv").meta({ description: "csv (with a header row) or json (one array)." }),
  signins: z.enum(["show"], { error: "must be show" }).optional().meta({ description: "show: include sign-ins." }),
});

const querySchema = auditQueryFields.superRefine((value, ctx) => {
  if (value.from && value.to && value.from >= value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must be later than from" });
  if (value.before && value.after) ctx.addIssue({ code: "custom", path: ["after"], message: "cannot be combined with before" });
});

export type AuditQuery = { ok: true; filters: AuditFilters; cursor?: AuditCursor; format: "csv" | "json" } | { ok: false; fieldErrors: FieldErrors };

function first(params: Params, name: string): string | undefined {
  const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

// Empty fields (a GET form sends every field) mean "no filter".
export function parseAuditQuery(params: Params): AuditQuery {
  const input = Object.fromEntries(
    ["release", "actor", "action", "from", "to", "before", "after", "format", "signins"].map((name) => [name, first(params, name)]),
  );
  const parsed = querySchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error, "query") };
  const { release, actor, action, from, to, before, after, format, signins } = parsed.data;
  const filters: AuditFilters = {
    releaseId: release,
    action,
    from,
    to,
    ...(actor ? (isUuid(actor) ? { actorId: actor } : { actorLabel: actor }) : {}),
    ...(signins ? { showSignIns: true as const } : {}),
  };
  const cursor: AuditCursor | undefined = before ? { ...before, direction: "older" } : after ? { ...after, direction: "newer" } : undefined;
  return { ok: true, filters: dropUndefined(filters), cursor, format };
}

const dropUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

// The inverse: filters (and optionally a cursor) as query parameters, for links and the export.
export function auditSearchParams(filters: AuditFilters, cursor?: AuditCursor): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.releaseId) params.set("release", filters.releaseId);
  if (filters.actorId ?? filters.actorLabel) params.set("actor", (filters.actorId ?? filters.actorLabel)!);
  if (filters.action) params.set("action", filters.action);
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  if (filters.showSignIns) params.set("signins", "show");
  if (cursor) params.set(cursor.direction === "older" ? "before" : "after", `${cursor.at.getTime()}_${cursor.id}`);
  return params;
}
