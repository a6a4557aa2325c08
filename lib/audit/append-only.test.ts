import { describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { eventBody, keyedChainHash, keyedHashAlg } from "@/lib/audit/chain";
import { currentAuditKey } from "@/lib/audit/keys";
import { asOwner, testDb } from "@/lib/testing/db";

// The triggers stand behind the runtime role's privileges (lib/db/runtime-role.test.ts): they
// refuse even the table's owner, so these run as the owner.

const system = { type: "SYSTEM", label: "test" } as const;

async function appendOne(action: string) {
  return testDb().$transaction((tx) => appendAudit(tx, { actor: system, action, after: { n: 1 } }));
}

describe("the audit table in the database", () => {
  it("rejects UPDATE", async () => {
    const { id } = await appendOne("test.update_target");
    await expect(asOwner("UPDATE audit_events SET action = 'forged' WHERE id = $1", [id])).rejects.toThrow(/append-only: UPDATE/);
    const row = await testDb().auditEvent.findUnique({ where: { id }, select: { action: true } });
    expect(row?.action).toBe("test.update_target");
  });

  it("rejects DELETE", async () => {
    const { id } = await appendOne("test.delete_target");
    await expect(asOwner("DELETE FROM audit_events WHERE id = $1", [id])).rejects.toThrow(/append-only: DELETE/);
    expect(await testDb().auditEvent.count({ where: { id } })).toBe(1);
  });

  it("rejects TRUNCATE", async () => {
    await appendOne("test.truncate_target");
    await expect(asOwner("TRUNCATE audit_events")).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await testDb().auditEvent.count()).toBeGreaterThan(0);
  });

  it("rejects changes to the checkpoints", async () => {
    await expect(asOwner("UPDATE audit_checkpoints SET signature = ''")).resolves.toBeDefined(); // no rows: nothing fires
    await expect(asOwner("TRUNCATE audit_checkpoints")).rejects.toThrow(/audit_checkpoints is append-only: TRUNCATE/);
  });

  it("chains each new event onto the previous one with the audit key's HMAC", async () => {
    const first = await appendOne("test.chain_first");
    const second = await appendOne("test.chain_second");
    const row = await testDb().auditEvent.findUniqueOrThrow({ where: { id: second.id } });
    const previous = await testDb().auditEvent.findFirstOrThrow({ where: { id: { lt: second.id } }, orderBy: { id: "desc" } });
    expect(row.prevHash).toBe(previous.hash);
    expect(second.id > first.id).toBe(true);
    const key = currentAuditKey();
    expect(row.hashAlg).toBe(keyedHashAlg(key.id));
    const body = eventBody({
      actorType: row.actorType,
      actorId: row.actorId,
      actorLabel: row.actorLabel,
      at: row.at,
      action: row.action,
      releaseId: row.releaseId,
      before: null,
      after: { n: 1 },
    });
    expect(keyedChainHash(key.chainKey, row.prevHash, body)).toBe(row.hash);
  });
});
