import http, { STATUS_CODES } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { AddressRefused, addressAllowed, guardedLookup, type AllowPrivate } from "@/lib/notify/address-policy";

// One webhook POST, through node:http rather than fetch: its `lookup` option is the one place
// where the address a name resolves to can be checked AND be the one the socket connects to.

export type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

export interface Delivery {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: AllowPrivate;
}

// Admins read this under "Recent deliveries". The socket's own message ("connect ECONNREFUSED
// 10.0.0.5:6379") would turn a webhook form into a port scanner of the private network, so only
// the kind of failure is told.
function plainError(error: unknown, timeoutMs: number): string {
  if (error instanceof AddressRefused) return `refused: ${error.host} is not a public address`;
  const { name, code } = (error ?? {}) as NodeJS.ErrnoException;
  if (name === "TimeoutError" || name === "AbortError") return `timed out after ${timeoutMs / 1000} s`;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "ECONNRESET" || code === "EPIPE") return "connection closed by the receiver";
  if (code && /CERT|TLS|SSL/.test(code)) return "TLS certificate not accepted";
  return "could not be reached";
}

export function deliver({ url, headers, body, timeoutMs, allowPrivate }: Delivery): Promise<Outcome> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  // A literal address is connected to without any lookup, so it is checked here.
  if (isIP(host) && !addressAllowed(host, allowPrivate)) {
    return Promise.resolve({ ok: false, statusCode: null, error: plainError(new AddressRefused(host), timeoutMs) });
  }
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: guardedLookup(allowPrivate) as unknown as http.RequestOptions["lookup"],
        // No pooled sockets: every delivery resolves and checks the name again.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        // The receiver's body and its reason phrase are not ours to show; the status is.
        response.resume();
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve({ ok: true, statusCode: status });
        resolve({ ok: false, statusCode: status, error: `HTTP ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd() });
      },
    );
    request.on("error", (error) => resolve({ ok: false, statusCode: null, error: plainError(error, timeoutMs) }));
    request.end(body);
  });
}
