import { AppError } from "@/lib/errors";
import { assertStorableText } from "@/lib/input/storable-text";

// Reads a request body as text, stopping as soon as it passes `limit` bytes: a declared length
// is checked first, and a chunked or lying body is cut off while streaming instead of being held
// whole in memory before anyone looks at its size.

export const tooLarge = (limit: number) => new AppError("TOO_LARGE", `The request body is larger than ${Math.round(limit / 1024)} KB.`);
// The client hung up mid-body (Node says ECONNRESET, which would read as a database outage).
export const cutShort = () => new AppError("INVALID", "The request body ended before it was complete.");

export async function readTextLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw cutShort();
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// `undefined` for an empty body, so callers decide what "nothing sent" means.
export async function readJsonLimited(request: Request, limit: number): Promise<unknown> {
  const text = await readTextLimited(request, limit);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
}

// A required JSON body no larger than `limit` bytes (a clear 413 beats an out-of-memory server),
// whose text PostgreSQL can store (no NUL, no lone surrogate).
export async function readJson(request: Request, limit: number): Promise<unknown> {
  const text = await readTextLimited(request, limit);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.");
  }
  assertStorableText(body, "body");
  return body;
}
