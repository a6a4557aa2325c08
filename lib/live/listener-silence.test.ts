import { createServer, Socket as NetSocket, type Socket } from "node:net";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { freePort } from "@/lib/net";

// A LISTEN connection that dies without a word (a NAT or load balancer forgetting it, a failover
// with no reset) still looks open: nothing errors, nothing ends. Everything that trusts its
// notifications (the OFREP cache answering 304 from memory, the event streams) must stop trusting
// it and reconnect. A real TCP proxy in front of the real database goes silent: it keeps every
// socket open and forwards nothing.

async function silenceableProxy(target: URL) {
  const port = await freePort();
  let silent = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = new NetSocket();
    upstream.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.on("data", (chunk) => void (!silent && upstream.write(chunk)));
    upstream.on("data", (chunk) => void (!silent && client.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    silence: () => void (silent = true),
    speak: () => void (silent = false),
    stop: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the LISTEN connection", () => {
  it("is given up when the database stops answering on it, and comes back when it answers again", async () => {
    const real = new URL(inject("runtimeDatabaseUrl"));
    const proxy = await silenceableProxy(real);
    const url = new URL(real);
    url.port = String(proxy.port);
    vi.stubEnv("DATABASE_URL", url.toString());
    vi.resetModules();
    // This file runs in a worker of its own: the listener here is this test's, on the proxy.
    const { ensureListening, listenerEpoch } = await import("@/lib/live/listener");
    try {
      await ensureListening();
      const first = listenerEpoch();
      expect(first).not.toBeNull();

      proxy.silence();
      await vi.waitFor(() => expect(listenerEpoch()).toBeNull(), { timeout: 30_000, interval: 250 });

      proxy.speak();
      await vi.waitFor(() => expect(listenerEpoch()).toBeGreaterThan(first!), { timeout: 30_000, interval: 250 });
    } finally {
      await proxy.stop();
    }
  }, 60_000);
});
