// The server's memory as the gate bench reads it, through its inspector (SIGUSR1, 127.0.0.1:9229):
// RSS once the garbage is collected (the budget's figure: a Node server's RSS otherwise moves by
// tens of MB with when V8 happens to collect, measured 105 MB of dead large objects at one baseline
// and gone a few seconds later), and with `-- --heap` where the waiters' live memory goes: V8's
// sampling heap profiler, summed by the function that allocated what is still alive.
// Needs a WebSocket: Node 20 runs the bench with --experimental-websocket (package.json).

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

export interface HeapReading {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export async function openHeapProbe(pid: number) {
  const Socket = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Socket) throw new Error("--heap needs a WebSocket: node --experimental-websocket --import tsx scripts/bench/gates.ts --heap");
  process.kill(pid, "SIGUSR1");
  let url: string | undefined;
  for (let i = 0; i < 50 && !url; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const list = (await fetch("http://127.0.0.1:9229/json/list").then(
      (r) => r.json(),
      () => [],
    )) as { webSocketDebuggerUrl?: string }[];
    url = list[0]?.webSocketDebuggerUrl;
  }
  if (!url) throw new Error("the server's inspector did not open on 127.0.0.1:9229");
  const socket = new Socket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let next = 0;
  const waiting = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  };
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      waiting.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result as T)));
      socket.send(JSON.stringify({ id, method, params }));
    });

  return {
    // Live memory after a full collection, in kB.
    async reading(): Promise<HeapReading> {
      await send("HeapProfiler.collectGarbage");
      const result = await send<{ result: { value: string } }>("Runtime.evaluate", { expression: "JSON.stringify(process.memoryUsage())" });
      const usage = JSON.parse(result.result.value) as Record<keyof HeapReading, number>;
      return { rss: usage.rss / 1024, heapUsed: usage.heapUsed / 1024, external: usage.external / 1024, arrayBuffers: usage.arrayBuffers / 1024 };
    },
    // RSS the process holds once its garbage is gone: two full collections, a second for V8 to hand
    // freed pages back, the median of three such readings (kB).
    async settledRss(): Promise<number> {
      const readings: number[] = [];
      for (let i = 0; i < 3; i++) {
        await send("HeapProfiler.collectGarbage");
        await send("HeapProfiler.collectGarbage");
        await new Promise((r) => setTimeout(r, 1000));
        readings.push((await this.reading()).rss);
      }
      return readings.sort((a, b) => a - b)[1]!;
    },
    startSampling: () => send("HeapProfiler.startSampling", { samplingInterval: 4096 }),
    // Live sampled bytes by allocating function (and by file, when a bundle's frames are anonymous), largest first.
    async sampled(top = 15) {
      await send("HeapProfiler.collectGarbage");
      const { profile } = await send<{ profile: { head: ProfileNode } }>("HeapProfiler.getSamplingProfile");
      await send("HeapProfiler.stopSampling");
      const byFrame = new Map<string, number>();
      const byFile = new Map<string, number>();
      const walk = (node: ProfileNode) => {
        if (node.selfSize) {
          const file = node.callFrame.url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/\/work\/main\//, "") || "(native)";
          const frame = `${node.callFrame.functionName || "(anonymous)"} ${file}:${node.callFrame.lineNumber + 1}`;
          byFrame.set(frame, (byFrame.get(frame) ?? 0) + node.selfSize);
          byFile.set(file, (byFile.get(file) ?? 0) + node.selfSize);
        }
        node.children.forEach(walk);
      };
      walk(profile.head);
      const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
      const total = [...byFile.values()].reduce((sum, n) => sum + n, 0);
      return { totalKb: total / 1024, frames: sorted(byFrame), files: sorted(byFile) };
    },
    close: () => socket.close(),
  };
}
