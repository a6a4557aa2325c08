import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { formatCursor, parseCursor } from "@/lib/live/cursor";
import type { LiveBatch } from "@/lib/live/events";
import { HEARTBEAT_MS, heartbeatFrame } from "@/lib/live/heartbeat";
import { subscribe } from "@/lib/live/hub";
import { onShutdown, reconnectFrame } from "@/lib/http/shutdown";
import { sessionRoute } from "@/lib/route";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Server-sent events for one release: samples and audit events as they commit. The event id is
// the stream cursor, so EventSource's automatic reconnect (Last-Event-ID) resumes without a gap.
export const GET = sessionRoute<{ id: string }>("read", async (request, { params }) => {
  if (!isUuid(params.id) || !(await getDb().release.count({ where: { id: params.id } }))) {
    throw new AppError("NOT_FOUND", "That release does not exist.");
  }
  const since = parseCursor(request.headers.get("last-event-id")) ?? parseCursor(new URL(request.url).searchParams.get("since"));
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false;
        }
      };
      const send = (batch: LiveBatch) =>
        write(`id: ${formatCursor(batch.cursor)}\nevent: batch\ndata: ${JSON.stringify({ samples: batch.samples, events: batch.events })}\n\n`);
      write("retry: 1000\n\n");
      const heartbeat = setInterval(() => write(heartbeatFrame()), HEARTBEAT_MS);
      const unsubscribe = await subscribe(params.id, since, send);
      const end = () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      // The server is stopping: the page reconnects (to another instance) from its last event id.
      const unregister = onShutdown("streams", () => {
        write(reconnectFrame());
        end();
      });
      cleanup = () => {
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        unregister();
      };
      request.signal.addEventListener("abort", end);
      // Gone while it subscribed: the abort fired before anyone listened.
      if (request.signal.aborted) end();
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
