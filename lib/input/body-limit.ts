import type { ErrorBody } from "@/lib/errors";

// Next.js refuses a server-action body over `serverActions.bodySizeLimit` before any of our code
// runs, and (Next 16.4, app-render/action-handler.js) answers a fetch action with HTTP 500 and a
// rejected promise: the form could only say "the server could not be reached". So the limit is
// set here, once, for next.config.ts and for the browser, which checks an input before sending it
// and names the field that makes it too large. The largest field a form sends (a stage's SQL, at
// most 1,000,000 characters) fits in it even as multi-byte UTF-8 with React's escaping.

export const ACTION_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const ACTION_BODY_LIMIT = "4mb";
// React's reply encoding frames and escapes the value a little beyond its JSON.
const FRAMING_MARGIN_BYTES = 64 * 1024;

const bytesOf = (value: unknown): number => {
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? "").length;
  } catch {
    return 0; // not JSON-shaped (a Date, a BigInt): React encodes it; the server judges it
  }
};

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

// A TOO_LARGE error naming the largest field, or null when the input may be sent.
export function oversizedInput(input: unknown, limit = ACTION_BODY_LIMIT_BYTES): ErrorBody | null {
  const total = bytesOf(input);
  if (total <= limit - FRAMING_MARGIN_BYTES) return null;
  const fields = typeof input === "object" && input !== null ? Object.entries(input).map(([name, value]) => [name, bytesOf(value)] as const) : [];
  const [field, size] = fields.sort((a, b) => b[1] - a[1])[0] ?? ["form", total];
  const message = `This is too large to send (${megabytes(size)}; a form sends at most ${megabytes(limit)} in all). Shorten it; nothing was saved.`;
  return { code: "TOO_LARGE", message: `The form is too large to send (${megabytes(total)}); nothing was saved.`, fieldErrors: { [field]: [message] } };
}
