import { randomBytes } from "node:crypto";
import { LOCK } from "@/lib/db/locks";
import type { Db, Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_STAGE_SQL } from "@/lib/demo/stage-sql";
import { ensureBackfillSwitch } from "@/lib/flags/backfill/switch";
import type { Role } from "@/lib/permissions";
import { runbookTemplateSteps, stageChecklist, STAGE_EXIT_CRITERIA, STAGE_ORDER, templateItemRow, type StageKindName } from "@/lib/releases/template";
import { createDemoSignals, createDemoTarget } from "@/prisma/seed-signals";

// The demo: one user per role (plus a second operator) and the release "Split users.full_name
// into first_name and last_name", planned end to end. Seeded once, in one transaction, audited.
// Given the embedded cluster's demo shop (lib/demo/shop.ts), the release watches it as its target
// database and its flag starts off: `npm run demo:deploy` switches reads by turning it on.

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
export const DEMO_FLAG = "users-split-name-reads";

const ROLLBACK_NOTE: Record<StageKindName, string> = {
  EXPAND: "Leave the new columns in place: nothing reads them yet. Dropping them can wait for a quiet hour.",
  MIGRATE: "Turn the flag off: reads go back to full_name at once. Pause the backfill job; dual-write keeps both shapes correct.",
  CONTRACT: "No undo once full_name is dropped: restore the column from the pre-drop snapshot and backfill it from first_name and last_name.",
};

export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await db.setting.count({ where: { key: SEEDED_KEY } })) > 0;
}

export interface SeedOptions {
  // The shop's read-only URL (the reader role's), when the embedded cluster made one.
  shopUrl?: string;
}

export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<DemoLogin[] | null> {
  if (await isDemoSeeded(db)) return null;
  const logins = await Promise.all(DEMO_USERS.map(async (user) => ({ ...user, password: randomBytes(9).toString("base64url") })));
  const hashes = await Promise.all(logins.map((login) => hashPassword(login.password)));

  return db.$transaction(
    async (tx) => {
      // Two instances starting at once must not both seed.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK.demoSeed}::int)`;
      if ((await tx.setting.count({ where: { key: SEEDED_KEY } })) > 0) return null;
      const ids = await createUsers(tx, logins, hashes);
      await createDemoRelease(tx, ids, options.shopUrl);
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

async function createDemoRelease(tx: Tx, [, omarId, lenaId, priyaId]: string[], shopUrl: string | undefined) {
  const targetDatabaseId = shopUrl ? await createDemoTarget(tx, shopUrl, priyaId!, SEED_ACTOR) : null;
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
      targetDatabaseId,
      createdById: priyaId,
      stages: {
        create: STAGE_ORDER.map((kind, position) => ({
          kind,
          position,
          ownerId: owners[kind],
          sql: DEMO_STAGE_SQL[kind],
          rollbackNote: ROLLBACK_NOTE[kind],
          exitCriteria: STAGE_EXIT_CRITERIA[kind],
          checklistItems: {
            create: stageChecklist(kind, "ROLLING").map(templateItemRow),
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
    select: { id: true, targetPollSeconds: true },
  });
  await createDemoSignals(tx, release.id, targetDatabaseId !== null, release.targetPollSeconds);
  // With the shop, reads have not switched yet: the deploy turns the flag on.
  await tx.flag.create({ data: { key: DEMO_FLAG, environment: "production", enabled: !shopUrl, updatedById: priyaId } });
  // Its backfill switch, running: the demo deploy's backfill reads it before every batch.
  await ensureBackfillSwitch(tx, DEMO_FLAG, "production");
  await appendAudit(tx, {
    actor: SEED_ACTOR,
    action: "release.created",
    releaseId: release.id,
    after: { title: DEMO_RELEASE_TITLE, status: "READY", flagKey: DEMO_FLAG, targetDatabaseId },
  });
}
