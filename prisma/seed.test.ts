import { describe, expect, it } from "vitest";
import { DEMO_RELEASE_TITLE, seedDemo } from "@/prisma/seed";
import { verifyPassword } from "@/lib/auth/password";
import { openScratchDb, testDb } from "@/lib/testing/db";
import { unseal } from "@/lib/targets/seal";
import { DEMO_TARGET_NAME } from "@/prisma/seed-signals";

describe("demo seed", () => {
  it("creates one user per role, a second operator and the planned demo release, once", async () => {
    const db = testDb();
    const [logins, again] = await Promise.all([seedDemo(db), seedDemo(db)]).then((r) => (r[0] ? r : [r[1], r[0]]));
    expect(again).toBeNull();
    expect(logins?.map((l) => l.role).sort()).toEqual(["ADMIN", "OPERATOR", "OPERATOR", "VIEWER"]);
    expect(await seedDemo(db)).toBeNull();

    for (const login of logins!) {
      const user = await db.user.findUniqueOrThrow({ where: { email: login.email }, select: { passwordHash: true, role: true } });
      expect(user.role).toBe(login.role);
      expect(await verifyPassword(login.password, user.passwordHash!)).toBe(true);
    }

    const releases = await db.release.findMany({
      where: { title: DEMO_RELEASE_TITLE },
      select: {
        id: true,
        decisionOwnerId: true,
        backupOwnerId: true,
        stages: { orderBy: { position: "asc" }, select: { kind: true, ownerId: true, rollbackNote: true, _count: { select: { checklistItems: true } } } },
        runbookSteps: { select: { role: true, assigneeId: true } },
      },
    });
    expect(releases).toHaveLength(1);
    const [release] = releases;
    expect(release!.stages.map((s) => s.kind)).toEqual(["EXPAND", "MIGRATE", "CONTRACT"]);
    expect(release!.stages.every((s) => s.ownerId && s.rollbackNote && s._count.checklistItems > 0)).toBe(true);
    expect(release!.decisionOwnerId).not.toBe(release!.backupOwnerId);
    expect(new Set(release!.runbookSteps.map((s) => s.role))).toEqual(new Set(["DISABLE_FEATURE", "DATABASE_HEALTH", "ERROR_TRACKING", "DECISION"]));
    expect(release!.runbookSteps.every((s) => s.assigneeId)).toBe(true);
    expect(await db.auditEvent.count({ where: { releaseId: release!.id, action: "release.created" } })).toBe(1);
  });
});

describe("demo seed with the embedded cluster's shop", () => {
  it("registers the shop as the demo release's target, watched by its Database signals, with the flag off until reads switch", async () => {
    const scratch = await openScratchDb();
    try {
      const shopUrl = "postgresql://switchback_reader:secret@127.0.0.1:5432/shop";
      expect(await seedDemo(scratch.db, { shopUrl })).not.toBeNull();
      const release = await scratch.db.release.findFirstOrThrow({
        where: { isDemo: true },
        select: {
          flagKey: true,
          targetDatabase: { select: { name: true, sealedUrl: true } },
          stages: { orderBy: { position: "asc" }, select: { sql: true } },
          signals: {
            select: { key: true, name: true, source: true, dbMetric: true, dbSql: true, criteria: { select: { stopThreshold: true, autoAction: true } } },
          },
        },
      });
      expect(release.targetDatabase?.name).toBe(DEMO_TARGET_NAME);
      expect(unseal(release.targetDatabase!.sealedUrl)).toBe(shopUrl);
      expect(release.stages.map((s) => s.sql)).toEqual([
        expect.stringContaining("CREATE INDEX CONCURRENTLY"),
        expect.stringContaining("UPDATE users"),
        expect.stringContaining("DROP COLUMN full_name"),
      ]);
      const byName = Object.fromEntries(release.signals.map((s) => [s.name, s]));
      // One tile per name: the shop's numbers replace the generated lock waits, the backfill job pushes its progress.
      expect(release.signals).toHaveLength(new Set(release.signals.map((s) => s.name)).size);
      // Pause first: what a backfill causes pauses the backfill; what the application shows turns the flag off.
      expect(byName["Lock waits"]).toMatchObject({
        source: "DATABASE",
        dbMetric: "lock_waits",
        criteria: [{ stopThreshold: 5, autoAction: "PAUSE_BACKFILL" }],
      });
      expect(byName["Replica lag"]).toMatchObject({ source: "DEMO", criteria: [{ autoAction: "PAUSE_BACKFILL" }] });
      expect(byName["Backfill progress"]).toMatchObject({ key: "backfill_progress", source: "PUSH", criteria: [] });
      expect(byName["Dual-write divergence"]).toMatchObject({
        source: "DATABASE",
        dbMetric: "sql",
        criteria: [{ stopThreshold: 0, autoAction: "TURN_FLAG_OFF" }],
      });
      expect(byName["Error rate"]).toMatchObject({ source: "DEMO", criteria: [{ autoAction: "TURN_FLAG_OFF" }] });
      const flags = await scratch.db.flag.findMany({ where: { key: { startsWith: release.flagKey } }, select: { key: true, enabled: true } });
      // Reads not switched yet, and the backfill's switch there and running.
      expect(flags.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        { key: release.flagKey, enabled: false },
        { key: `${release.flagKey}.backfill-paused`, enabled: false },
      ]);
      expect(await seedDemo(scratch.db, { shopUrl })).toBeNull();
    } finally {
      await scratch.drop();
    }
  });
});
