import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppError } from "@/lib/errors";
import type { OfrepAnswer, OfrepAsk } from "@/lib/flags/ofrep/exchange";
import { cutShort, tooLarge } from "@/lib/http/read-body";

// The fast lane's own door for answers given as data (lib/flags/ofrep/exchange.ts): node:http's
// request read as an OfrepAsk, and the answer written with one call, without building a web
// Request or Response (lib/http/node-adapter.ts does that for handlers that need them).

// As readTextLimited (lib/http/read-body.ts) does for a web Request: a declared length is checked
// first, and a chunked or lying body is cut off as it streams in, never held whole first.
export function readNodeText(request: IncomingMessage, limit: number): Promise<string> {
  if (Number(request.headers["content-length"] ?? "0") > limit) return Promise.reject(tooLarge(limit));
  if (request.destroyed) return Promise.reject(cutShort());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: AppError) => {
      request.off("data", take);
      request.resume(); // the rest is read and dropped, so the answer can still be sent
      reject(error);
    };
    const take = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    };
    request.on("data", take);
    request.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.once("error", () => fail(cutShort()));
    // Closed before its end: a promise settled twice keeps its first outcome.
    request.once("close", () => request.readableEnded || fail(cutShort()));
  });
}

export function nodeAsk(request: IncomingMessage, url: string): OfrepAsk {
  return {
    headers: {
      get(name) {
        const value = request.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
    url,
    readText: (limit) => readNodeText(request, limit),
  };
}

export function sendAnswer(response: ServerResponse, answer: OfrepAnswer, extraHeaders: Iterable<[string, string]>): void {
  if (response.destroyed) return;
  response.statusCode = answer.status;
  for (const [name, value] of extraHeaders) response.setHeader(name, value);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  if (answer.body === undefined) return void response.end();
  const body = JSON.stringify(answer.body);
  response.setHeader("content-type", "application/json");
  response.setHeader("content-length", Buffer.byteLength(body));
  response.end(body);
}
