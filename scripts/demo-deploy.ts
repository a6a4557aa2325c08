import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { PlainError } from "@/lib/plain-error";

// `npm run demo:deploy`, next to a running `npm start`: plays the demo release against the
// embedded cluster's shop the way a team's pipeline would. It applies Expand as the shop's owner
// and completes the stage, runs a simulated app that dual-writes, backfills in checkpointed
// batches of 1,000 rows, switches reads by turning the flag on, completes Migrate, and leaves
// Contract waiting for its proof. Every Switchback step is a real action by the person the plan
// names. The backfill is the README's loop (lib/demo/backfill-loop.ts): it talks to the running
// app over HTTP only, reading its backfill switch with a stock OpenFeature SDK and pushing its
// progress. Re-running resumes where it stopped, or says it has already run.
// package.json runs it with `--conditions=react-server`: the action path imports "server-only",
// which only the server condition lets load outside Next.js.

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const NOT_STARTED = "run `npm start` first and leave it running, then `npm run demo:deploy` in another terminal.";

async function main() {
  const { env } = await import("@/lib/env");
  if (env.DATABASE_URL)
    throw new PlainError("The demo deploy plays against the embedded PostgreSQL's demo shop, which does not exist when DATABASE_URL is set.");
  const dataDir = path.resolve(env.SWITCHBACK_DATA_DIR);
  const { DEMO_SHOP, SHOP_OWNER_PASSWORD_FILE, databaseUrl } = await import("@/lib/demo/shop");
  // The files `npm start` keeps in the data folder: the app role's password (lib/db/embedded-postgres.ts) and the shop owner's.
  const appPasswordFile = path.join(dataDir, "pg-app-password");
  const ownerPasswordFile = path.join(dataDir, SHOP_OWNER_PASSWORD_FILE);
  if (!existsSync(appPasswordFile) || !existsSync(ownerPasswordFile)) throw new PlainError(`There is no demo shop in ${dataDir}: ${NOT_STARTED}`);
  const { RUNTIME_ROLE } = await import("@/lib/db/roles");
  const cluster = `postgresql://127.0.0.1:${env.EMBEDDED_PG_PORT}/postgres`;
  const password = async (file: string) => (await readFile(file, "utf8")).trim();
  // This script is one more client of the install, as the app's own role: the action runner uses
  // the process's database client, made from env.DATABASE_URL on first use.
  env.DATABASE_URL = databaseUrl(cluster, "switchback", { role: RUNTIME_ROLE, password: await password(appPasswordFile) });
  const ownerUrl = databaseUrl(cluster, DEMO_SHOP.database, { role: DEMO_SHOP.ownerRole, password: await password(ownerPasswordFile) });

  const shop = new pg.Client({ connectionString: ownerUrl, application_name: "shop-migrations" });
  try {
    await shop.connect();
  } catch {
    throw new PlainError(`Cannot reach the embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT}: ${NOT_STARTED}`);
  }
  // The app `npm start` runs on this machine, as start.ts itself checks it.
  const appUrl = `http://127.0.0.1:${env.PORT}`;
  if (
    !(await fetch(`${appUrl}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    throw new PlainError(`Switchback does not answer at ${appUrl}: ${NOT_STARTED}`);
  const { getDb } = await import("@/lib/db");
  const db = getDb();
  try {
    await play(db, shop, ownerUrl, appUrl);
  } finally {
    await shop.end();
    await db.$disconnect();
  }
}

async function play(db: import("@/lib/db").Db, shop: pg.Client, ownerUrl: string, appUrl: string) {
  const steps = await import("@/lib/demo/release-steps");
  const { applyExpand } = await import("@/lib/demo/expand");
  const { backfillProgress, ensureCheckpointTable } = await import("@/lib/demo/backfill");
  const { PROGRESS_SIGNAL, runDemoBackfill } = await import("@/lib/demo/migrate-backfill");
  const { startSimulatedApp } = await import("@/lib/demo/simulated-app");
  const load = async () => {
    const found = await steps.findDemoRelease(db);
    if (!found) throw new PlainError("There is no demo release in this install; it is seeded by the first `npm start` on a fresh data folder.");
    return found;
  };
  let release = await load();
  if (!release.targetDatabase)
    throw new PlainError(
      "The demo release watches no target database: it was seeded before the demo shop existed. Stop Switchback, move the data folder aside, and `npm start` again.",
    );
  if (!release.signals.some((s) => s.key === PROGRESS_SIGNAL && s.source === "PUSH"))
    throw new PlainError(
      `The demo release has no pushed signal ${PROGRESS_SIGNAL} for its backfill to report to: it was seeded by an older Switchback. Stop Switchback, move the data folder aside, and \`npm start\` again.`,
    );
  const cockpit = `the cockpit of “${release.title}”`;
  if (steps.stageOf(release, "MIGRATE").status === "DONE") {
    say(`The demo deploy has already run: Expand and Migrate are complete and Contract waits for its proof on ${cockpit}.`);
    return;
  }
  if (release.status === "READY") say(`Deploy: started by ${await steps.startTheDeploy(release)}; Expand is active. Watch ${cockpit}.`);
  else if (!["IN_PROGRESS", "STOPPED", "PAUSED"].includes(release.status))
    throw new PlainError(`The demo release is ${release.status.toLowerCase()}; there is nothing to deploy.`);
  else say(`Deploy: resuming (the release is ${release.status.toLowerCase().replace("_", " ")}).`);

  const did = await applyExpand(shop);
  say(
    `Expand: ${did.length ? did.join(", ") : "already applied (users.first_name, users.last_name and their index exist)"} in ${release.targetDatabase.name}.`,
  );
  release = await load();
  if (steps.stageOf(release, "EXPAND").status === "ACTIVE") {
    const { by, ticked } = await steps.completeTheStage(release, "EXPAND", sleep);
    say(`Expand: ${by} ticked ${ticked} checklist item(s) and marked the stage complete; Migrate is active.`);
    release = await load();
  }

  let readsNew = await steps.flagIsOn(db, release);
  await ensureCheckpointTable(shop);
  let progress = await backfillProgress(shop);
  let hotId = progress.lastId;
  const app = await startSimulatedApp(ownerUrl, { readsNewColumns: () => readsNew, hotId: () => hotId });
  // The app follows the flag as it is now, as an app evaluating it would: turning it off on the cockpit sends reads back to full_name.
  const following = setInterval(
    () =>
      void steps.flagIsOn(db, release).then(
        (on) => (readsNew = on),
        () => undefined,
      ),
    1000,
  );
  say(
    `App: a simulated shop app now signs up users and edits names, writing full_name and first_name/last_name, and reads ${readsNew ? "first_name/last_name" : "full_name"}.`,
  );
  try {
    if (!progress.finished) progress = await runDemoBackfill(db, release, { shop, appUrl, say, sleep, onBatch: (p) => (hotId = p.lastId) });
    say(`Backfill: finished, ${progress.filled.toLocaleString("en")} of ${progress.total.toLocaleString("en")} users have first_name.`);

    const divergence = Number(
      (await shop.query("SELECT count(*) AS n FROM users WHERE first_name IS NOT NULL AND full_name IS DISTINCT FROM first_name || ' ' || last_name")).rows[0]
        .n,
    );
    if (divergence > 0) throw new PlainError(`Reads stay on full_name: ${divergence} users differ between full_name and first_name/last_name.`);
    if (await steps.releaseIsHeld(db, release.id)) {
      say("Reads: waiting, the release is stopped; reads switch when the decision owner calls Go.");
      while (await steps.releaseIsHeld(db, release.id)) await sleep(1000);
    }
    if (await steps.flagIsOn(db, release)) say(`Reads: the flag ${release.flagKey} is already on; the app reads first_name/last_name.`);
    else
      say(
        `Reads: ${await steps.switchReads(release, "Backfill complete and no divergence: reads switch to first_name/last_name")} turned ${release.flagKey} on.`,
      );
    readsNew = true;
    // A few seconds of the new reads, for pg_stat_statements and the cockpit to see.
    await sleep(8000);
  } finally {
    clearInterval(following);
    const stats = await app.stop();
    say(
      `App: stopped after ${stats.signups} sign-ups, ${stats.edits} edits, ${stats.oldReads} reads of full_name and ${stats.newReads} of first_name/last_name` +
        (stats.errors ? ` (${stats.errors} errors, the last: ${stats.lastError}).` : "."),
    );
  }

  release = await load();
  const { by } = await steps.completeTheStage(release, "MIGRATE", sleep);
  say(`Migrate: ${by} marked the stage complete; Contract is active.`);
  say(`Contract: waiting for its proof on ${cockpit}: no statement may read users.full_name, and the business cycle must pass. Nothing was dropped.`);
}

// Exits when done: the target pool that the stage checks read through keeps idle sessions open.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof PlainError || (error as Error)?.name === "EnvError" || (error as Error)?.name === "StepRefused";
    process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(1);
  },
);
