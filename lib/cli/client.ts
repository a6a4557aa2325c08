import { setTimeout as sleep } from "node:timers/promises";
import { EXIT, type ExitCode } from "@/lib/cli/exit-codes";

// The CLI's one way to ask Switchback: plain fetch with the bearer token, retrying what a retry can
// fix (network errors, 502/503/504, honouring Retry-After) until the caller's deadline.

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export interface Target {
  url: string;
  token: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

export interface Ask {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
  // Epoch ms: past it, a failure to reach Switchback is final (exit 3).
  retryUntil: number;
  // How long one request may take before it counts as a network error.
  timeoutMs: number;
  // Told about each retry, for the people reading the job's log.
  onRetry?: (message: string) => void;
}

const RETRY_STATUSES = new Set([502, 503, 504]);
// A POST is retried only when it cannot have reached the server: a reset or timeout mid-request
// might have completed a stage, and asking again would then be refused as "not the active stage".
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const MAX_BACKOFF_MS = 30_000;

export function apiUrl(base: string, path: string): URL {
  let root: URL;
  try {
    root = new URL(base.endsWith("/") ? base : `${base}/`);
  } catch {
    throw new CliError(EXIT.REFUSED, `SWITCHBACK_URL is not a URL: "${base}" (e.g. https://switchback.example.com).`);
  }
  if (root.protocol !== "http:" && root.protocol !== "https:") throw new CliError(EXIT.REFUSED, `SWITCHBACK_URL must be http(s): "${base}".`);
  return new URL(path, root);
}

// Retry-After is either seconds or an HTTP date; anything else falls back to our own backoff.
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export const backoffMs = (attempt: number) => Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);

// A one-shot call (status, push, stage complete) keeps asking through a short outage, so a pipeline
// step does not fail because Switchback was restarting.
const ONE_SHOT_PATIENCE_MS = 30_000;

export function askOnce(target: Target, request: Omit<Ask, "retryUntil" | "timeoutMs">): Promise<Answer> {
  return ask(target, { ...request, retryUntil: Date.now() + ONE_SHOT_PATIENCE_MS, timeoutMs: ONE_SHOT_PATIENCE_MS });
}

export async function ask(target: Target, request: Ask): Promise<Answer> {
  const url = apiUrl(target.url, request.path);
  for (let attempt = 0; ; attempt++) {
    let failure: string;
    let delay = backoffMs(attempt);
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${target.token}`,
          Accept: "application/json",
          ...(request.body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const body = await readBody(response);
      // A POST that a proxy answered 502/504 may have completed on Switchback: only Switchback's
      // own 503 (it refused before doing anything, and said so in JSON) is safe to send again.
      const retry =
        RETRY_STATUSES.has(response.status) &&
        (request.method === "GET" || (response.status === 503 && typeof body === "object" && body !== null && "error" in body));
      if (!retry) return { status: response.status, body };
      failure = `Switchback answered ${response.status}: ${messageOf(body) ?? response.statusText}`;
      delay = retryAfterMs(response.headers.get("retry-after"), Date.now()) ?? delay;
    } catch (error) {
      const code = networkCode(error);
      failure = `could not reach ${url.origin} (${code})`;
      if (request.method !== "GET" && !NOT_SENT.has(code)) throw new CliError(EXIT.UNREACHABLE, `Could not ask Switchback: ${failure}.`);
    }
    if (Date.now() + delay > request.retryUntil)
      throw new CliError(EXIT.UNREACHABLE, `Could not ask Switchback: ${failure}; gave up after ${attempt + 1} attempts.`);
    request.onRetry?.(`${failure}; trying again in ${Math.ceil(delay / 1000)} s`);
    await sleep(delay);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkCode(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "timed out";
  // fetch reports "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is its cause.
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

// The sentence Switchback put in its answer: an error's message, or a closed gate's reason.
export function messageOf(body: unknown): string | null {
  if (typeof body === "string") return body.trim() ? body.trim().slice(0, 500) : null;
  if (typeof body !== "object" || body === null) return null;
  const { error, reason } = body as { error?: { message?: unknown }; reason?: unknown };
  if (typeof error?.message === "string") return error.message;
  return typeof reason === "string" ? reason : null;
}
