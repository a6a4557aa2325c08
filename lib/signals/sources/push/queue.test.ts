import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { acceptPush } from "@/lib/signals/sources/push/accept";
import { createPushQueue, PUSH_CAPACITY, pushQueue } from "@/lib/signals/sources/push/queue";
import { createUser, testDb } from "@/lib/testing/db";
import { storeToken } from "@/lib/tokens/tokens";

// lib/route.ts reaches the Next.js session through these; the push route uses a bearer token.
vi.mock("@/lib/session", () => ({}));
vi.mock("@/lib/next-runtime", () => ({}));

// Under 50 watchers and pushes, 106 of 3,952 pushes got a 500: unbounded pushes took every pooled
// connection. Pushes now wait in a bounded queue, and beyond it are told to retry (503).

function blocker() {
  let open = () => undefined as void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { work: () => gate, open };
}

describe("the push queue", () => {
  it("runs a few at once, lets a bounded number wait, and refuses the rest as UNAVAILABLE", async () => {
    const queue = createPushQueue({ concurrency: 1, capacity: 2 });
    const first = blocker();
    const order: string[] = [];
    const running = queue.run(async () => (await first.work(), order.push("first")));
    const waiting = queue.run(async () => order.push("second"));
    const refused = await queue.run(async () => order.push("third")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "UNAVAILABLE" });

    first.open();
    await Promise.all([running, waiting]);
    expect(order).toEqual(["first", "second"]);
    // Room again once the queue drains.
    expect(await queue.run(async () => "again")).toBe("again");
  });

  it("stores nothing from a push refused because the queue is full", async () => {
    const release = await testDb().release.create({
      data: { title: "Busy pushes", signals: { create: { key: "progress", name: "Progress", unit: "PERCENT" } } },
      select: { id: true },
    });
    const queue = createPushQueue({ concurrency: 1, capacity: 1 });
    const held = blocker();
    const holding = queue.run(held.work);

    const refused = await acceptPush(testDb(), release.id, [{ signal: "progress", value: 42 }], new Date(), queue).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "UNAVAILABLE", message: expect.stringMatching(/retry/i) });
    held.open();
    await holding;
    expect(await testDb().signalSample.count({ where: { signal: { releaseId: release.id } } })).toBe(0);

    expect(await acceptPush(testDb(), release.id, [{ signal: "progress", value: 42 }], new Date(), queue)).toEqual({ accepted: 1 });
  });

  it("answers the push API with 503 and Retry-After when the queue is full, never 500", async () => {
    const user = await createUser("OPERATOR");
    const release = await testDb().release.create({
      data: { title: "Full queue", signals: { create: { key: "progress", name: "Progress", unit: "PERCENT" } } },
      select: { id: true },
    });
    const { secret } = await testDb().$transaction((tx) =>
      storeToken(tx, { kind: "SIGNAL_PUSH", name: "queue test", releaseId: release.id, createdById: user.id }),
    );
    const { POST } = await import("@/app/api/v1/releases/[id]/signals/route");
    const push = () =>
      POST(
        new Request(`http://switchback.test/api/v1/releases/${release.id}/signals`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
          body: '[{"signal":"progress","value":1}]',
        }),
        { params: Promise.resolve({ id: release.id }) },
      );

    // The app's own queue, filled to capacity by batches that are still writing.
    const held = blocker();
    const holding = Array.from({ length: PUSH_CAPACITY }, () => pushQueue().run(held.work));
    const response = await push();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: { code: "UNAVAILABLE", message: expect.stringMatching(/retry/i) } });

    held.open();
    await Promise.all(holding);
    expect((await push()).status).toBe(202);
  });
});
