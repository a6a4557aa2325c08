import { randomBytes } from "node:crypto";
import { LOCK } from "@/lib/db/locks";
import type { Db, Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_INTERVAL_SECONDS } from "@/lib/signals/sources/demo/generator";
import type { Role } from "@/lib/permissions";
import { runbookTemplateSteps, stageChecklist, STAGE_EXIT_CRITERIA, STAGE_ORDER, type StageKindName } from "@/lib/releases/template";

// The demo: one user per role (plus a second operator) and the release "Split users.full_name
// into first_name and last_name", planned end to end. Seeded once, in one transaction, audited.

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
  name: string;
  contact: string;
}

const SEED_ACTOR: Actor = { type: "SYSTEM", label: "Switchback demo seed" };
const SEEDED_KEY = "demo.seeded";

const DEMO_USERS: Omit<DemoLogin, "password">[] = [
  { role: "VIEWER", email: "viewer@demo.switchback.test", name: "Victor Lee", contact: "" },
  { role: "OPERATOR", email: "operator@demo.switchback.test", name: "Omar Haddad", contact: "@omar on chat · +44 20 7946 0100" },
  { role: "OPERATOR", email: "operator2@demo.switchback.test", name: "Lena Novak", contact: "@lena on chat · +44 20 7946 0101" },
  { role: "ADMIN", email: "admin@demo.switchback.test", name: "Priya Shah", contact: "@priya on chat" },
];

export const DEMO_RELEASE_TITLE = "Split users.full_name into first_name and last_name";
const DEMO_FLAG = "users-split-name-reads";

const STAGE_SQL: Record<StageKindName, string> = {
  EXPAND: `SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN first_name text;
ALTER TABLE users ADD COLUMN last_name text;`,
  MIGRATE: `SET lock_timeout = '2s';
-- One batch of the backfill; the job repeats it with the next id range and checkpoints after each.
UPDATE users
   SET first_name = split_part(full_name, ' ', 1),
       last_name  = nullif(substr(full_name, length(split_part(full_name, ' ', 1)) + 2), '')
 WHERE id BETWEEN 1 AND 5000
   AND first_name IS NULL;`,
  CONTRACT: `SET lock_timeout = '2s';
ALTER TABLE users DROP COLUMN full_name;`,
};

const ROLLBACK_NOTE: Record<StageKindName, string> = {
  EXPAND: "Leave the new columns in place: nothing reads them yet. Dropping them can wait for a quiet hour.",
  MIGRATE: "Turn the flag off: reads go back to full_name at once. Pause the backfill job; dual-write keeps both shapes correct.",
  CONTRACT: "No undo once full_name is dropped: restore the column from the pre-drop snapshot and backfill it from first_name and last_name.",
};

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await db.setting.count({ where: { key: SEEDED_KEY } })) > 0;
}

export async function seedDemo(db: Db): Promise<DemoLogin[] | null> {
  if (await isDemoSeeded(db)) return null;
  const logins = await Promise.all(DEMO_USERS.map(async (user) => ({ ...user, password: randomBytes(9).toString("base64url") })));
  const hashes = await Promise.all(logins.map((login) => hashPassword(login.password)));

  return db.$transaction(
    async (tx) => {
      // Two instances starting at once must not both seed.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK.demoSeed}::int)`;
      if ((await tx.setting.count({ where: { key: SEEDED_KEY } })) > 0) return null;
      const ids = await createUsers(tx, logins, hashes);
      await createDemoRelease(tx, ids);
      await tx.setting.create({ data: { key: SEEDED_KEY, value: { at: new Date().toISOString() } } });
      return logins;
    },
    { timeout: 30_000 },
  );
}

async function createUsers(tx: Tx, logins: DemoLogin[], hashes: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, login] of logins.entries()) {
    const user = await tx.user.create({
      data: { email: login.email, name: login.name, role: login.role, contact: login.contact, passwordHash: hashes[index] },
      select: { id: true },
    });
    await appendAudit(tx, { actor: SEED_ACTOR, action: "user.created", after: { id: user.id, email: login.email, role: login.role } });
    ids.push(user.id);
  }
  return ids;
}

async function createDemoRelease(tx: Tx, [, omarId, lenaId, priyaId]: string[]) {
  const owners: Record<StageKindName, string | undefined> = { EXPAND: omarId, MIGRATE: lenaId, CONTRACT: omarId };
  const windowStart = new Date(Date.now() + 24 * 60 * 60 * 1000);
  windowStart.setUTCHours(9, 0, 0, 0);
  const release = await tx.release.create({
    data: {
      title: DEMO_RELEASE_TITLE,
      service: "accounts-api",
      summary:
        "Replace the single full_name column with first_name and last_name so invoices and greetings can address people properly. Reads switch behind the flag; full_name is dropped in a later release.",
      status: "READY",
      deployStyle: "ROLLING",
      windowStart,
      windowEnd: new Date(windowStart.getTime() + 2 * 60 * 60 * 1000),
      flagProvider: "BUILTIN",
      flagKey: DEMO_FLAG,
      flagEnvironment: "production",
      decisionOwnerId: omarId,
      backupOwnerId: lenaId,
      isDemo: true,
      createdById: priyaId,
      stages: {
        create: STAGE_ORDER.map((kind, position) => ({
          kind,
          position,
          ownerId: owners[kind],
          sql: STAGE_SQL[kind],
          rollbackNote: ROLLBACK_NOTE[kind],
          exitCriteria: STAGE_EXIT_CRITERIA[kind],
          checklistItems: {
            create: stageChecklist(kind, "ROLLING").map((item, itemPosition) => ({ text: item.text, isProof: item.isProof ?? false, position: itemPosition })),
          },
        })),
      },
      runbookSteps: {
        // Every assignee may tick their steps in an incident (a viewer may not), so the demo's
        // first ten minutes can be run end to end.
        create: runbookTemplateSteps().map((step) => ({
          ...step,
          assigneeId: { DISABLE_FEATURE: lenaId, DATABASE_HEALTH: priyaId, ERROR_TRACKING: omarId, DECISION: omarId }[step.role],
        })),
      },
      drills: {
        create: {
          performedOn: new Date(Date.now() - 2 * 24 * 60 * 60 * 1000),
          result: "PASSED",
          notes: "Flag off on staging: reads back on full_name in 4 s, no errors.",
          recordedById: omarId,
        },
      },
    },
    select: { id: true },
  });
  await createDemoSignals(tx, release.id);
  await tx.flag.create({ data: { key: DEMO_FLAG, environment: "production", enabled: true, updatedById: priyaId } });
  await appendAudit(tx, {
    actor: SEED_ACTOR,
    action: "release.created",
    releaseId: release.id,
    after: { title: DEMO_RELEASE_TITLE, status: "READY", flagKey: DEMO_FLAG },
  });
}

const DEMO_SIGNALS = [
  { key: "error_rate", name: "Error rate", unit: "PERCENT", comparator: "GT", warn: 1, stop: 2 },
  { key: "p95_latency", name: "p95 latency", unit: "MILLISECONDS", comparator: "GT", warn: 600, stop: 800 },
  { key: "lock_waits", name: "Lock waits", unit: "COUNT", comparator: "GT", warn: 5, stop: 20 },
  { key: "replica_lag", name: "Replica lag", unit: "SECONDS", comparator: "GT", warn: 5, stop: 10 },
  { key: "backfill_progress", name: "Backfill progress", unit: "PERCENT", comparator: "LT", warn: null, stop: null },
] as const;

async function createDemoSignals(tx: Tx, releaseId: string) {
  for (const [position, signal] of DEMO_SIGNALS.entries()) {
    const created = await tx.signal.create({
      data: { releaseId, key: signal.key, name: signal.name, unit: signal.unit, source: "DEMO", pollIntervalSeconds: DEMO_INTERVAL_SECONDS },
      select: { id: true },
    });
    if (signal.stop === null && signal.warn === null) continue;
    await tx.criterion.create({
      data: {
        releaseId,
        signalId: created.id,
        comparator: signal.comparator,
        warnThreshold: signal.warn,
        stopThreshold: signal.stop,
        windowSeconds: 60,
        position,
      },
    });
  }
}
