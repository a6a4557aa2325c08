import { databaseUnavailability, type Unavailability } from "@/lib/db/unavailable";

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
}

// Anything that is not an AppError is a bug or a driver failure: log it, show nothing of it.
// A database that is down or saturated is neither: the caller is told to retry in a moment.
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) {
    return error.fieldErrors ? { code: error.code, message: error.message, fieldErrors: error.fieldErrors } : { code: error.code, message: error.message };
  }
  const unavailable = databaseUnavailability(error);
  if (unavailable) {
    console.warn(`database ${unavailable}: ${error instanceof Error ? error.message.trim().split("\n").pop() : String(error)}`);
    return { code: "UNAVAILABLE", message: UNAVAILABLE_MESSAGE[unavailable] };
  }
  console.error(error);
  return { code: "INTERNAL", message: "Something went wrong on the server; nothing was changed. Try again." };
}
