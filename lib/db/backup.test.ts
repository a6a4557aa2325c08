import { chmod, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { grantRuntimeRole } from "@/lib/db/roles";
import { freePort } from "@/lib/net";
import { restoreBackup } from "@/scripts/lib/backup-restore";
import { takeBackup } from "@/scripts/lib/backup-take";

// `npm run backup` / `npm run restore` on a real embedded PostgreSQL of its own: notes go through
// the audited mutation path while the backup runs; the backup is restored into a new folder, the
// embedded PostgreSQL started there as `npm start` would, and the trail must verify with every
// note written before the backup began and no half-written change.

const root = await mkdtemp(path.join(tmpdir(), "switchback-backup-"));
// The postgres user must reach the clusters inside.
await chmod(root, 0o755);
const source = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), port: await freePort(), database: "switchback" });
await migrate(source.ownerUrl);
await grantRuntimeRole(source.ownerUrl, source.runtimeUrl);
vi.stubEnv("DATABASE_URL", source.runtimeUrl);

const { createDb, getDb } = await import("@/lib/db");
const { asSql } = await import("@/lib/db/sql");
const { runAction } = await import("@/lib/action");
const { addNote } = await import("@/lib/releases/commands/notes");
const { verifyChain } = await import("@/lib/audit/verify");
const { createUser } = await import("@/lib/testing/db");
const { fixtureRelease } = await import("@/lib/testing/release-fixtures");

let restored: EmbeddedPostgres | undefined;
afterAll(async () => {
  await getDb().$disconnect();
  await source.stop();
  await restored?.stop();
  await rm(root, { recursive: true, force: true });
});

const noteTexts = async (db: ReturnType<typeof createDb>, releaseId: string) =>
  (await db.auditEvent.findMany({ where: { releaseId, action: "note.added" }, orderBy: { id: "asc" }, select: { after: true } })).map(
    (event) => (event.after as { text: string }).text,
  );

describe("backup and restore of the embedded PostgreSQL", () => {
  it("restores a backup taken while notes are being written into a new folder whose trail verifies", { timeout: 180_000 }, async () => {
    const admin = await createUser("ADMIN");
    const release = await fixtureRelease(admin.id, "IN_PROGRESS");
    const as = { currentUser: async () => admin, revalidate: () => undefined };
    const write = async (text: string) => expect(await runAction(addNote, { releaseId: release.id, text }, as)).toMatchObject({ ok: true });

    const before = Array.from({ length: 20 }, (_, i) => `before ${i}`);
    for (const text of before) await write(text);

    // One writer, one note after another, until the backup is done: what the backup holds of its
    // notes must be a gapless prefix of them.
    const during: string[] = [];
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const text = `during ${during.length}`;
        await write(text);
        during.push(text);
      }
    })();
    // Checkpoints during the copy, as a busy server has them: PostgreSQL then recycles WAL segments
    // from before the checkpoint, which the backup still needs from its start.
    const checkpoints = (async () => {
      const admin = new pg.Client({ connectionString: source.url });
      await admin.connect();
      while (writing) await admin.query("SELECT pg_switch_wal(); CHECKPOINT;");
      await admin.end();
    })();
    const backups = path.join(root, "backups");
    const backup = await takeBackup({ dataDir: path.join(root, "data"), outFile: path.join(backups, "switchback-test.tar.gz") }).finally(
      () => (writing = false),
    );
    await Promise.all([writer, checkpoints]);
    expect(backup).toMatchObject({ online: true, file: path.join(backups, "switchback-test.tar.gz") });
    expect(backup.bytes).toBeGreaterThan(0);
    expect(during.length).toBeGreaterThan(0);
    expect(await readdir(backups)).toEqual(["switchback-test.tar.gz"]);

    const target = path.join(root, "restored");
    // It holds the database passwords and the audit key: readable by its owner only.
    expect((await stat(backup.file)).mode & 0o777).toBe(0o600);
    await expect(restoreBackup({ archive: backup.file, dataDir: path.join(root, "data") })).rejects.toThrow(/is not empty; restore into a new folder/);
    await restoreBackup({ archive: backup.file, dataDir: target });
    restored = await startEmbeddedPostgres({ dataDir: target, port: await freePort(), database: "switchback" });
    const db = createDb(restored.runtimeUrl, 2);
    try {
      expect(await verifyChain(asSql(db))).toMatchObject({ ok: true });
      const texts = await noteTexts(db, release.id);
      expect(texts.slice(0, before.length)).toEqual(before);
      expect(texts.slice(before.length)).toEqual(during.slice(0, texts.length - before.length));
      expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { title: true } })).toEqual({ title: release.title });

      // The restored copy is a working database, not a read-only relic: the app writes on.
      await db.user.create({ data: { email: `after-restore-${admin.id}@test.switchback.test`, name: "After restore", role: "VIEWER" } });
      expect(await db.user.count({ where: { name: "After restore" } })).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });
});
