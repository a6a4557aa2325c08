import { describe, expect, it } from "vitest";
import { toErrorBody } from "@/lib/errors";
import { readJsonLimited, readTextLimited } from "@/lib/http/read-body";

// A pusher that hangs up mid-body: Node fails the read with ECONNRESET, the code a dropped database
// connection also has. It must read as a bad request, not as the database being away (a 503 and a
// "database unreachable" warning in the log for every client that gave up).

const hungUp = (body: string) => {
  const chunk = new TextEncoder().encode(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(chunk);
      controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
  return new Request("http://localhost/api/v1/releases/x/signals", { method: "POST", body: stream, duplex: "half" } as RequestInit);
};

describe("reading a body the client stopped sending", () => {
  it("is a 400 that says the body ended early, never a database outage", async () => {
    for (const read of [readTextLimited, readJsonLimited]) {
      const error = await read(hungUp('[{"signal":"error_rate",'), 1024).catch((e: unknown) => e);
      expect(toErrorBody(error)).toEqual({ code: "INVALID", message: "The request body ended before it was complete." });
    }
  });

  it("reads a whole body as it came", async () => {
    const request = new Request("http://localhost/x", { method: "POST", body: '{"a":1}' });
    expect(await readJsonLimited(request, 1024)).toEqual({ a: 1 });
  });
});
