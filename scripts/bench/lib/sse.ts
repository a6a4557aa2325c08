// A cockpit's live stream as a browser holds it: calls onValue for every sample of every `batch`
// event, with the moment it arrived, and lets the heartbeats (their data is a bare timestamp) pass.
// `onEvent` hears each audit event's action the same way. Returns a function that closes the stream.
export async function openStream(
  url: string,
  cookie: string,
  onValue: (value: number, at: number, id: string) => void,
  onEvent?: (action: string, at: number) => void,
) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Cookie: cookie, Accept: "text/event-stream" }, signal: controller.signal });
  if (response.status !== 200) throw new Error(`stream answered ${response.status}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const now = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.match(/^data: (.*)$/m)?.[1];
          if (!data || !/^event: batch$/m.test(frame)) continue;
          const batch = JSON.parse(data) as { samples: { id: string; value: number }[]; events?: { action: string }[] };
          for (const sample of batch.samples) onValue(sample.value, now, sample.id);
          for (const event of batch.events ?? []) onEvent?.(event.action, now);
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  return () => controller.abort();
}
