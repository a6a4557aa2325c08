// The live stream's heartbeat, shared by the SSE route that sends it and the cockpit that listens.
// It must be a real event: EventSource drops SSE comments (": ping") and events without data,
// so a page cannot tell a quiet release from a dead connection by those. A connection can die
// silently (a proxy or load balancer holding it half-open, a laptop waking from sleep), and then
// EventSource neither errors nor reconnects: only a missing heartbeat shows it.

export const HEARTBEAT_MS = 15_000;
export const HEARTBEAT_EVENT = "heartbeat";

// One heartbeat overdue, with slack for a slow network or a busy tab's throttled timers.
export const SILENCE_LIMIT_MS = HEARTBEAT_MS + 5_000;

export const heartbeatFrame = (now = Date.now()) => `event: ${HEARTBEAT_EVENT}\ndata: ${now}\n\n`;

export const isSilent = (lastHeardAt: number, now: number) => now - lastHeardAt > SILENCE_LIMIT_MS;
