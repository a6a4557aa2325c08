import { describe, expect, it } from "vitest";
import { DEMO_RELEASE_TITLE, seedDemo } from "@/prisma/seed";
import { verifyPassword } from "@/lib/auth/password";
import { testDb } from "@/lib/testing/db";

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
