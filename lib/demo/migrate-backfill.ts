import type pg from "pg";
import type { Db } from "@/lib/db";
import { PlainError } from "@/lib/plain-error";
import { BACKFILL_JOB, backfillBatch, type BackfillProgress } from "@/lib/demo/backfill";
import { backfillLoop } from "@/lib/demo/backfill-loop";
import { backfillTokens, type DemoRelease } from "@/lib/demo/release-steps";

// The demo deploy's Migrate job: the README's loop (backfill-loop.ts) against the running app,
// with the shop's checkpointed batch. Only the backfill switch pauses it, not the release's status.
// Ctrl-C ends it between batches (a second one at once); either way a re-run resumes.

export const PROGRESS_SIGNAL = "backfill_progress";

interface DemoBackfillOptions {
  shop: pg.Client;
  // Where `npm start` answers.
  appUrl: string;
  say: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  onBatch: (progress: BackfillProgress) => void;
}

export async function runDemoBackfill(db: Db, release: DemoRelease, { shop, appUrl, say, sleep, onBatch }: DemoBackfillOptions): Promise<BackfillProgress> {
  const tokens = await backfillTokens(db, release);
  say(
    `Backfill: reads its switch ${release.flagKey}.backfill-paused from ${appUrl} before every batch (stock OpenFeature SDK over OFREP) and pushes ${PROGRESS_SIGNAL}.`,
  );
  const stop = new AbortController();
  const interrupt = () => stop.abort();
  process.once("SIGINT", interrupt);
  let batches = 0;
  let held = false;
  const last: { progress?: BackfillProgress } = {};
  try {
    await backfillLoop({
      switchback: appUrl,
      releaseId: release.id,
      flagKey: release.flagKey,
      environment: release.flagEnvironment,
      readToken: tokens.readToken,
      pushToken: tokens.pushToken,
      progressSignal: PROGRESS_SIGNAL,
      consumer: BACKFILL_JOB,
      signal: stop.signal,
      onSwitch: (paused, problem) => {
        if (problem) say(`Backfill: waiting, its switch cannot be read (${problem}); a backfill that cannot ask does not run.`);
        else if (paused)
          say("Backfill: paused by its switch; it goes on when someone presses “Resume backfill” on the cockpit (Ctrl-C leaves, a re-run resumes).");
        else if (held) say("Backfill: resumed.");
        held = paused;
      },
      batch: async () => {
        const progress = (last.progress = await backfillBatch(shop, { holdMs: 400 }));
        onBatch(progress);
        if (progress.finished) return { percent: progress.percent, done: true };
        batches += 1;
        if (batches % 10 === 0)
          say(
            `Backfill: batch ${batches}, up to id ${progress.lastId}: ${progress.filled.toLocaleString("en")} of ${progress.total.toLocaleString("en")} users filled.`,
          );
        // Room for the application's own writes between batches.
        await sleep(150);
        return { percent: progress.percent, done: false };
      },
    });
  } finally {
    process.off("SIGINT", interrupt);
    await tokens.revoke();
  }
  if (stop.signal.aborted || !last.progress?.finished)
    throw new PlainError(`Backfill: stopped after ${batches} batch(es) this run; \`npm run demo:deploy\` resumes at the checkpoint.`);
  return last.progress;
}
