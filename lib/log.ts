import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { currentRequestId } from "@/lib/http/request-id";

// The server's structured log: one JSON object per line on stdout (level, ISO time, message, and
// the request id of the request it was written in), for whatever collects the process's output.
// One logger per process on globalThis, like the database client: the fast lanes and Next's
// bundles write through the same one.

const holder = globalThis as unknown as { switchbackLog?: Logger; switchbackErrorLog?: ErrorLog };

export const log: Logger = (holder.switchbackLog ??= pino({
  level: env.LOG_LEVEL,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: () => {
    const requestId = currentRequestId();
    return requestId ? { requestId } : {};
  },
}));

// What lib/errors.ts reports through. It runs in the browser too (a client form imports it), so it
// cannot import this module; it finds these on globalThis once the server has loaded this file.
export interface ErrorLog {
  requestId(): string | undefined;
  unexpected(error: unknown): void;
  unavailable(message: string): void;
}

holder.switchbackErrorLog ??= {
  requestId: currentRequestId,
  unexpected: (error) => log.error({ err: error }, "unexpected error"),
  unavailable: (message) => log.warn(message),
};
