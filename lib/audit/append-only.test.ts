import { describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { eventHash } from "@/lib/audit/chain";
import { testDb } from "@/lib/testing/db";

const system = { type: "SYSTEM", label: "test" } as const;

async function appendOne(action: string) {
  return testDb().$transaction((tx) => appendAudit(tx, { actor: system, action, after: { n: 1 } }));
}

describe("the audit table in the database", () => {
  it("rejects UPDATE", async () => {
    const { id } = await appendOne("test.update_target");
    await expect(testDb().$executeRaw`UPDATE audit_events SET action = 'forged' WHERE id = ${id}`).rejects.toThrow(/append-only: UPDATE/);
    const row = await testDb().auditEvent.findUnique({ where: { id }, select: { action: true } });
    expect(row?.action).toBe("test.update_target");
  });

  it("rejects DELETE", async () => {
    const { id } = await appendOne("test.delete_target");
    await expect(testDb().$executeRaw`DELETE FROM audit_events WHERE id = ${id}`).rejects.toThrow(/append-only: DELETE/);
    expect(await testDb().auditEvent.count({ where: { id } })).toBe(1);
  });

  it("rejects TRUNCATE", async () => {
    await appendOne("test.truncate_target");
    await expect(testDb().$executeRawUnsafe("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await testDb().auditEvent.count()).toBeGreaterThan(0);
  });

  it("chains each new event onto the previous one", async () => {
    const first = await appendOne("test.chain_first");
    const second = await appendOne("test.chain_second");
    const row = await testDb().auditEvent.findUniqueOrThrow({ where: { id: second.id } });
    const previous = await testDb().auditEvent.findFirstOrThrow({ where: { id: { lt: second.id } }, orderBy: { id: "desc" } });
    expect(row.prevHash).toBe(previous.hash);
    expect(second.id > first.id).toBe(true);
    expect(
      eventHash({
        actorType: row.actorType,
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        at: row.at,
        action: row.action,
        releaseId: row.releaseId,
        before: row.before as null,
        after: row.after as { n: number },
        prevHash: row.prevHash,
      }),
    ).toBe(row.hash);
  });
});
