import { getDb } from "@/lib/db";
import { bringUpToDate, openStream, refetchFrame, type OpenStream } from "@/lib/flags/ofrep/streams";
import { redeemTicket } from "@/lib/flags/ofrep/ticket";
import { onShutdown, reconnectFrame } from "@/lib/http/shutdown";

// The OFREP event stream (ADR-0008): `refetchEvaluation` whenever a flag this token can see
// changes, with the visible set's etag as the event id. A reconnect's Last-Event-ID that differs
// from the current etag gets a refetch at once, so a change made while away is never lost; a
// first connection (no id) gets one too, which covers a change between its bulk evaluation and
// this connect and costs a 304. Heartbeats and the check of the token behind each stream are
// shared by all streams (lib/flags/ofrep/streams.ts); a stream ends when its token is revoked.

export async function eventStream(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const grant = await redeemTicket(getDb(), url.searchParams.get("ticket"));
  if ("refused" in grant)
    return Response.json({ errorCode: "GENERAL", errorDetails: grant.refused }, { status: 401, headers: { "Cache-Control": "no-cache" } });
  const lastEventId = request.headers.get("last-event-id") ?? url.searchParams.get("lastEventId");
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The client is gone: stop counting it as a connected consumer at once.
          open = false;
          cleanup();
        }
      };
      const close = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      const stream: OpenStream = { grant, told: lastEventId, send: (etag) => write(refetchFrame(etag)), beat: () => write(`: heartbeat\n\n`), close };
      write("retry: 1000\n\n");
      const unsubscribe = openStream(stream);
      // The server is stopping: the provider reconnects (to another instance) with its last etag.
      const unregister = onShutdown("streams", () => {
        write(reconnectFrame());
        close();
      });
      cleanup = () => {
        open = false;
        unsubscribe();
        unregister();
      };
      request.signal.addEventListener("abort", close);
      // Gone while its ticket was being checked: the abort fired before anyone listened.
      if (request.signal.aborted) return close();
      await bringUpToDate(stream).catch(() => undefined);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
