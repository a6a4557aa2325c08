import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import { freePort } from "@/lib/net";

// A real HTTP receiver for webhook tests, checking each request's signature.

// Where receivers listen. The dispatcher refuses loopback by default, so tests that deliver to a
// receiver pass this as their allow-list, explicitly.
export const RECEIVER_NETWORK: readonly string[] = ["127.0.0.1/32"];

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  // Whether X-Switchback-Signature is HMAC-SHA256(secret, timestamp + "." + raw body).
  signatureValid: boolean;
}

// What a receiver does with the next requests: answer with a status, or never answer at all.
export type Answer = number | "silent";

export async function startReceiver(secret: string) {
  const received: Received[] = [];
  const state = { answer: 200 as Answer };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const timestamp = String(request.headers["x-switchback-timestamp"] ?? "");
      const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`);
      const given = Buffer.from(String(request.headers["x-switchback-signature"] ?? ""));
      received.push({ headers: request.headers, body, signatureValid: given.length === expected.length && timingSafeEqual(given, expected) });
      if (state.answer !== "silent") response.writeHead(state.answer).end("ok");
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answer(next: Answer) {
      state.answer = next;
    },
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
