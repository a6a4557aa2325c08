import { databaseUnavailability, type Unavailability } from "@/lib/db/unavailable";
import type { ErrorLog } from "@/lib/log";

// Typed errors with a code; mapped to user-facing text and HTTP status only at the boundary.

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID"
  | "PROVIDER_UNAVAILABLE"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "UNAVAILABLE"
  | "INTERNAL";

export type FieldErrors = Record<string, string[]>;

// zod's issues keyed by field path, the shape forms and API clients read.
export function fieldErrorsOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }, root = "form"): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) (out[issue.path.map(String).join(".") || root] ??= []).push(issue.message);
  return out;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PROVIDER_UNAVAILABLE: 503,
  // The database down or every connection busy: the caller should retry (Retry-After).
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const UNAVAILABLE_MESSAGE: Record<Unavailability, string> = {
  unreachable: "The database is not answering; nothing was changed. Try again in a few seconds.",
  busy: "The database is busy; nothing was changed. Try again in a few seconds.",
};

// Seconds a client should wait before retrying a 503.
export const RETRY_AFTER_SECONDS = 5;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  // The request's id (lib/http/request-id.ts): what a person quotes so their failure can be found in the log.
  requestId?: string;
}

// The server's log and request context, put on globalThis by lib/log.ts: this module also runs in the
// browser (a client form imports it), so it cannot import them. Absent (a script, the browser): the console.
const errorLog = (): ErrorLog | undefined => (globalThis as unknown as { switchbackErrorLog?: ErrorLog }).switchbackErrorLog;

// Anything that is not an AppError is a bug or a driver failure: log it, show nothing of it but the
// request id that finds it in the log. A database that is down or saturated is neither: the caller
// is told to retry in a moment.
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return error.fieldErrors ? { code: error.code, message: error.message, fieldErrors: error.fieldErrors } : { code: error.code, message: error.message };
  }
  const reporter = errorLog();
  const requestId = reporter?.requestId();
  const withId = requestId ? { requestId } : {};
  const unavailable = databaseUnavailability(error);
  if (unavailable) {
    const said = `database ${unavailable}: ${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)}`;
    if (reporter) reporter.unavailable(said);
    else console.warn(said);
    return { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE[unavailable], ...withId };
  }
  if (reporter) reporter.unexpected(error);
  else console.error(error);
  const quote = requestId ? ` If it keeps happening, give an admin the request id ${requestId}.` : "";
  return { code: "INTERNAL", message: `Something went wrong on the server; nothing was changed. Try again.${quote}`, ...withId };
}
