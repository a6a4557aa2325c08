import { afterEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/permissions";
import { HEARTBEAT_MS, isSilent, SILENCE_LIMIT_MS } from "@/lib/live/heartbeat";
import { createUser, testDb } from "@/lib/testing/db";

// The cockpit's badge said "● Live" over a stream that had gone silent: the heartbeat was an SSE
// comment, which EventSource never shows to the page. It is now an event the page can hear, and
// the page calls a stream silent past one heartbeat (plus slack) "Reconnecting…".

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/session", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/next-runtime", () => ({}));

afterEach(() => {
  vi.useRealTimers();
});

// Splits SSE text into dispatched events the way EventSource does: comments are dropped, and an
// event with no data is never dispatched.
function dispatched(text: string): { event: string; data: string }[] {
  return text
    .split("\n\n")
    .map((block) => block.split("\n").filter((line) => line && !line.startsWith(":")))
    .map((lines) => ({
      event:
        lines
          .find((l) => l.startsWith("event:"))
          ?.slice(6)
          .trim() ?? "message",
      data: lines
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trim())
        .join("\n"),
    }))
    .filter((e) => e.data !== "");
}

describe("the live stream's heartbeat", () => {
  it("is an event EventSource dispatches, sent every HEARTBEAT_MS", async () => {
    session.user = await createUser("VIEWER");
    const { id } = await testDb().release.create({ data: { title: "Heartbeat" }, select: { id: true } });
    const { GET } = await import("@/app/api/releases/[id]/stream/route");
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const abort = new AbortController();
    const response = await GET(new Request(`http://switchback.test/api/releases/${id}/stream`, { signal: abort.signal }), { params: Promise.resolve({ id }) });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = (await reader.read()).value ?? "";
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS);
    text += (await reader.read()).value ?? "";
    expect(dispatched(text).map((e) => e.event)).toContain("heartbeat");
    abort.abort();
    await reader.cancel();
  });

  it("calls a stream silent once a heartbeat is overdue, not before", () => {
    const heard = Date.parse("2026-12-01T10:00:00Z");
    expect(SILENCE_LIMIT_MS).toBeGreaterThan(HEARTBEAT_MS);
    expect(isSilent(heard, heard + HEARTBEAT_MS)).toBe(false);
    expect(isSilent(heard, heard + SILENCE_LIMIT_MS + 1)).toBe(true);
  });
});
