import type { Server } from "node:http";
import { isStopping, runShutdown } from "@/lib/http/shutdown";

// The graceful stop of scripts/serve.ts, in the order a load balancer in front needs: stop
// listening (its health check fails, its connection attempts go to another instance), end the
// event streams with a retry hint (their clients reconnect elsewhere at once), give up
// leadership at once (another instance's loops take over on their next tick), and let the
// requests already in flight (an action half-way through) finish, for at most `boundMs`.

// Keep-alive connections outlive their requests: once stopping, each is closed as soon as its
// last answer is written, so the drain ends when the work does, not when the client hangs up.
export function closeWhenIdle(server: Server): void {
  server.on("request", (_request, response) => {
    if (isStopping()) response.shouldKeepAlive = false;
    response.once("close", () => {
      if (isStopping()) setImmediate(() => server.closeIdleConnections());
    });
  });
}

// Resolves "drained" when every request ended in time, "cut" when the bound closed what was left.
export async function drainServer(server: Server, boundMs: number): Promise<"drained" | "cut"> {
  const closed = new Promise<"drained">((resolve) => server.close(() => resolve("drained")));
  await runShutdown("streams");
  server.closeIdleConnections();
  const leadership = runShutdown("leadership");
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<"cut">((resolve) => (timer = setTimeout(() => resolve("cut"), boundMs)));
  const outcome = await Promise.race([closed, bound]);
  if (outcome === "cut") server.closeAllConnections();
  // Leadership is usually released long before: a loop's tick is short. It gets the same bound.
  await Promise.race([leadership, bound]);
  clearTimeout(timer);
  return outcome;
}
