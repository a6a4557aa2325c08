import { createServer, request } from "node:http";
import { freePort } from "@/lib/net";

// A slow network in front of a real HTTP peer: every request waits `delayMs` before it is forwarded
// unchanged, and the answer comes back as the peer gave it. For benches of "the provider is slow".

export interface DelayProxy {
  url: string;
  // Set after start, so the proxy's address can be handed out before the peer exists.
  target: string | null;
  stop(): Promise<void>;
}

export async function startDelayProxy(delayMs: number): Promise<DelayProxy> {
  const port = await freePort();
  const proxy: DelayProxy = { url: `http://127.0.0.1:${port}`, target: null, stop: async () => undefined };
  const server = createServer((incoming, outgoing) => {
    const body: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => body.push(chunk));
    incoming.on("end", () => {
      setTimeout(() => {
        if (!proxy.target) return void outgoing.writeHead(502).end("no target yet");
        const target = new URL(incoming.url ?? "/", proxy.target);
        const forward = request(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host } }, (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        });
        forward.on("error", (error) => outgoing.writeHead(502).end(error.message));
        forward.end(Buffer.concat(body));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  proxy.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
