// What a server process does when it is told to stop (SIGTERM; scripts/serve.ts): the parts of
// the app that hold something open register here, and the server calls them in order. On
// globalThis, like the other per-process state: the route handlers inside Next.js's bundles and
// scripts/serve.ts's own copy of these modules must find the same registry.
//
// "streams": open event streams end at once with a retry hint, so browsers and OpenFeature
// providers reconnect (through a load balancer, to another instance) instead of waiting on a
// server that takes nothing new. "leadership": leader loops stop and release their advisory
// locks, so another instance takes over on its next tick instead of after this one is gone.

export type ShutdownPhase = "streams" | "leadership";

type Hook = () => unknown;

interface ShutdownState {
  stopping: boolean;
  hooks: Record<ShutdownPhase, Set<Hook>>;
}

const state = ((globalThis as unknown as { switchbackShutdown?: ShutdownState }).switchbackShutdown ??= {
  stopping: false,
  hooks: { streams: new Set(), leadership: new Set() },
});

// How soon a stream's client should come back: at once, since another instance is ready.
export const RECONNECT_MS = 250;
export const reconnectFrame = () => `retry: ${RECONNECT_MS}\n\n`;

export const isStopping = () => state.stopping;

// Registers what to do when the process stops; returns the unregistration. A stream opened
// while the process is already stopping (a request that was on its way) is ended at once.
export function onShutdown(phase: ShutdownPhase, hook: Hook): () => void {
  if (state.stopping && phase === "streams") {
    queueMicrotask(() => void hook());
    return () => undefined;
  }
  state.hooks[phase].add(hook);
  return () => void state.hooks[phase].delete(hook);
}

// Runs one phase's hooks, each once; a hook that fails must not keep the others from running.
export async function runShutdown(phase: ShutdownPhase): Promise<void> {
  state.stopping = true;
  const hooks = [...state.hooks[phase]];
  state.hooks[phase].clear();
  await Promise.all(hooks.map(async (hook) => hook()).map((done) => done.catch((error: unknown) => console.error(`shutdown (${phase}):`, error))));
}
