import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { startPgBouncer } from "@/lib/testing/pgbouncer";

// Issue #15: Switchback through a real PgBouncer in transaction pooling mode, two server
// connections behind it, with DIRECT_DATABASE_URL for what needs a session (LISTEN, leadership).
// The app's own modules are loaded after the environment names the pooler, so every query of this
// file's code paths goes through it: the audited mutation path with its locks, the live hub's
// news, leader election, and the audit export's COPY.

const direct = inject("runtimeDatabaseUrl");
const bouncer = await startPgBouncer(direct, { poolSize: 2 });
vi.stubEnv("DATABASE_URL", bouncer.url);
vi.stubEnv("DIRECT_DATABASE_URL", direct);

const { getDb, poolOf } = await import("@/lib/db");
const { runAction } = await import("@/lib/action");
const { turnFlagOff } = await import("@/lib/flags/commands");
const { addNote } = await import("@/lib/releases/commands/notes");
const { ensureListening, onNews } = await import("@/lib/live/listener");
const { startLeaderLoop } = await import("@/lib/live/leader");
const { createLeaderSession } = await import("@/lib/live/leader-session");
const { verifyChain } = await import("@/lib/audit/verify");
const { asSql } = await import("@/lib/db/sql");
const { auditExportStream } = await import("@/lib/audit/log/export");
const { createUser } = await import("@/lib/testing/db");
const { fixtureRelease } = await import("@/lib/testing/release-fixtures");

afterAll(async () => {
  await getDb().$disconnect();
  await bouncer.stop();
});

const runtimeAs = (user: Awaited<ReturnType<typeof createUser>>) => ({ currentUser: async () => user, revalidate: () => undefined });

describe("through PgBouncer in transaction pooling mode", () => {
  it("runs the audited mutation path, and the live hub on the direct connection hears its news", async () => {
    const admin = await createUser("ADMIN");
    const release = await fixtureRelease(admin.id, "IN_PROGRESS");
    await ensureListening();
    const heard = new Promise<void>((resolve) => {
      const stop = onNews((id) => id === release.id && (stop(), resolve()));
    });

    const flip = await runAction(turnFlagOff, { releaseId: release.id, expected: true, reason: "Error rate doubled" }, runtimeAs(admin));
    expect(flip).toMatchObject({ ok: true });
    await heard;
    // Eight people writing notes at once through two server connections: the chain head's lock and
    // the advisory locks are a transaction's, so each holds its connection until it commits.
    const notes = await Promise.all(Array.from({ length: 8 }, (_, i) => runAction(addNote, { releaseId: release.id, text: `note ${i}` }, runtimeAs(admin))));
    expect(notes.every((n) => n.ok)).toBe(true);
    expect((await getDb().flag.findFirstOrThrow({ where: { key: release.flagKey } })).enabled).toBe(false);
    expect(await verifyChain(asSql(getDb()))).toMatchObject({ ok: true });

    const exported = await new Response(auditExportStream(poolOf(), { releaseId: release.id }, "json")).json();
    expect((exported as { action: string }[]).map((e) => e.action).sort()).toEqual(["flag.changed", ...Array(8).fill("note.added")].sort());
  });

  it("elects a leader over the direct connection while its work runs through the pooler", async () => {
    const session = createLeaderSession(direct, "switchback-leader-test");
    const ticks: boolean[] = [];
    const loop = startLeaderLoop({
      databaseUrl: bouncer.url,
      shared: { db: getDb(), session },
      key: 0x5b_0f_00_15,
      name: "pgbouncer-test",
      tickMs: 100,
      work: async (db) => ticks.push((await db.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one"))[0]!.one === 1),
      log: () => undefined,
    });
    await expect.poll(() => loop.isLeader() && ticks.length > 0, { timeout: 10_000 }).toBe(true);
    await loop.stop();
  });
});
