import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit } from "@/lib/audit/append";
import { verifyChain } from "@/lib/audit/verify";
import type { Db } from "@/lib/db";
import { asSql } from "@/lib/db/sql";
import { openScratchDb } from "@/lib/testing/db";

// The chain, in a database of its own: verification walks the whole table, and the tampering
// below must not break other test files' chain.

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => ({ db, drop } = await openScratchDb()));
afterAll(async () => drop());

const system = { type: "SYSTEM", label: "chain test" } as const;

async function tamper(statement: string) {
  // As a superuser with the append-only trigger disabled: what an attacker with the keys could do.
  await db.$transaction([
    db.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"),
    db.$executeRawUnsafe(statement),
    db.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete"),
  ]);
}

describe("the audit hash chain", () => {
  it("stays one unbroken chain with twenty concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, writer) =>
        db.$transaction(async (tx) => {
          for (let i = 0; i < 5; i++) await appendAudit(tx, { actor: system, action: "test.concurrent", after: { writer, i } });
        }),
      ),
    );
    const rows = await db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true, prevHash: true, hash: true } });
    expect(rows).toHaveLength(100);
    rows.forEach((row, i) => expect(row.prevHash).toBe(i === 0 ? null : rows[i - 1]!.hash));
    expect(await verifyChain(asSql(db))).toEqual({ ok: true, count: 100, lastId: rows.at(-1)!.id.toString() });
  });

  it("names the event that was altered behind the trigger's back", async () => {
    const target = await db.auditEvent.findFirstOrThrow({ where: { action: "test.concurrent" }, orderBy: { id: "asc" }, skip: 41, select: { id: true } });
    await tamper(`UPDATE audit_events SET after = '{"writer": 99, "i": 0}' WHERE id = ${target.id}`);
    expect(await verifyChain(asSql(db))).toEqual({
      ok: false,
      count: 41,
      brokenId: target.id.toString(),
      reason: `Event #${target.id} (test.concurrent) was changed after it was written: its content no longer matches its hash.`,
    });
  });

  it("names the event after one that was deleted", async () => {
    const { db: other, drop: dropOther } = await openScratchDb();
    for (let i = 0; i < 5; i++) await other.$transaction((tx) => appendAudit(tx, { actor: system, action: "test.delete", after: { i } }));
    const rows = await other.auditEvent.findMany({ orderBy: { id: "asc" }, select: { id: true } });
    await other.$transaction([
      other.$executeRawUnsafe("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"),
      other.$executeRawUnsafe(`DELETE FROM audit_events WHERE id = ${rows[2]!.id}`),
      other.$executeRawUnsafe("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete"),
    ]);
    const report = await verifyChain(asSql(other));
    expect(report).toMatchObject({ ok: false, count: 2, brokenId: rows[3]!.id.toString() });
    expect(report.ok === false && report.reason).toMatch(/should point back to event #\d+'s hash/);
    await dropOther();
  });
});
