import type { Prisma } from "@/lib/generated/prisma/client";
import { contractProofProblems } from "@/lib/proofs/gate";
import { storedProofState } from "@/lib/proofs/state";
import { watchContractProof } from "@/lib/proofs/watch";
import { watchedReleases } from "@/lib/targets/watch/loop";
import { createUser, testDb, withClient } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import type { LiveTarget } from "@/lib/testing/targets";

// For the Contract proof's tests (lib/proofs/*.test.ts): a release whose Contract drops
// users.full_name on a real target database, and the watcher's job run at a chosen time.

export const CONTRACT_SQL = "SET lock_timeout = '2s';\nALTER TABLE users DROP COLUMN full_name;";
export const MINUTE = 60_000;

export const createUsers = (t: LiveTarget) =>
  withClient(t.url, (c) =>
    c.query(`CREATE TABLE users (id int PRIMARY KEY, full_name text, first_name text, last_name text);
             INSERT INTO users SELECT g, 'Ada Lovelace', 'Ada', 'Lovelace' FROM generate_series(1, 10) g;`),
  );

/** The app's statements on the target, each run `times` times ($id becomes 1, 2, …). */
export const run = (t: LiveTarget, query: string, times: number) =>
  withClient(t.url, async (c) => {
    for (let i = 1; i <= times; i++) await c.query(query.replace("$id", String(i)));
  });

/** A release in progress whose Migrate is active, Contract drops users.full_name, with both computed proof items. */
export async function proofRelease(t: LiveTarget) {
  const owner = await createUser("ADMIN");
  const r = await fixtureRelease(owner.id, "IN_PROGRESS");
  const [expand, migrate, contract] = r.stages;
  const db = testDb();
  await db.release.update({ where: { id: r.id }, data: { targetDatabaseId: t.targetId } });
  await db.stage.update({ where: { id: expand!.id }, data: { status: "DONE", completedAt: new Date() } });
  await db.stage.update({ where: { id: migrate!.id }, data: { status: "ACTIVE" } });
  await db.stage.update({ where: { id: contract!.id }, data: { sql: CONTRACT_SQL } });
  const items = await Promise.all(
    (["old_columns_unread", "business_cycle"] as const).map((computedProof, i) =>
      db.checklistItem.create({
        data: { stageId: contract!.id, text: `Computed ${computedProof}`, isProof: true, computedProof, position: 10 + i },
        select: { id: true },
      }),
    ),
  );
  const sealedUrl = (await db.targetDatabase.findUniqueOrThrow({ where: { id: t.targetId }, select: { sealedUrl: true } })).sealedUrl;
  return { ...r, owner, migrate: migrate!, contract: contract!, unreadItem: items[0]!.id, cycleItem: items[1]!.id, ref: { id: t.targetId, sealedUrl } };
}

export type ProofRelease = Awaited<ReturnType<typeof proofRelease>>;

/** What "Mark stage complete" does for Migrate (lib/verify's part): snapshot, then DONE, Contract active. */
export async function completeMigrate(r: ProofRelease, completedAt: Date, baseline: unknown) {
  const db = testDb();
  await db.stage.update({
    where: { id: r.migrate.id },
    data: { status: "DONE", completedAt, ...(baseline ? { statementBaseline: baseline as Prisma.InputJsonValue } : {}) },
  });
  await db.stage.update({ where: { id: r.contract.id }, data: { status: "ACTIVE", startedAt: completedAt } });
}

/** One pass of the watcher's proof job at `now`, and the proof it stored. */
export async function watch(releaseId: string, now: Date) {
  const watched = (await watchedReleases(testDb())).find((w) => w.id === releaseId)!;
  await watchContractProof(testDb(), watched, now);
  const row = await testDb().stage.findFirstOrThrow({ where: { releaseId, kind: "CONTRACT" }, select: { proofState: true } });
  return storedProofState(row.proofState)!;
}

export const problems = (releaseId: string, now: Date) => testDb().$transaction((tx) => contractProofProblems(tx, releaseId, now));

/** The contract.proof_changed trail of a release, oldest first. */
export const proofTrail = (releaseId: string) =>
  testDb()
    .auditEvent.findMany({ where: { releaseId, action: "contract.proof_changed" }, orderBy: { id: "asc" }, select: { after: true } })
    .then((events) => events.map((e) => e.after));
