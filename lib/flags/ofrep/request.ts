import { AppError } from "@/lib/errors";
import type { OfrepAsk } from "@/lib/flags/ofrep/exchange";

// An evaluation request is a small JSON object; 64 KB is far above any real context.
const MAX_BODY_BYTES = 64 * 1024;

export type Failure = { status: number; errorCode: "PARSE_ERROR" | "INVALID_CONTEXT" | "GENERAL"; errorDetails: string };

// The request's evaluation context, or the failure in OFREP's own error vocabulary. An empty body
// is an empty request (default environment); malformed JSON is never read as one.
export async function requestOf(ask: OfrepAsk): Promise<{ body: object } | { failure: Failure }> {
  let body: unknown;
  try {
    const text = await ask.readText(MAX_BODY_BYTES);
    body = text.trim() ? JSON.parse(text) : {};
  } catch (error) {
    if (error instanceof AppError && error.code === "TOO_LARGE")
      return { failure: { status: 413, errorCode: "GENERAL", errorDetails: "The request body is larger than 64 KB." } };
    return { failure: { status: 400, errorCode: "PARSE_ERROR", errorDetails: "The request body is not valid JSON." } };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      failure: {
        status: 400,
        errorCode: "INVALID_CONTEXT",
        errorDetails: 'The request body must be a JSON object such as {"context": {"environment": "production"}}.',
      },
    };
  }
  return { body };
}
