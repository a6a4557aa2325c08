import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";

// A batched backfill that obeys the release's backfill switch, with nothing from Switchback but
// its two HTTP APIs: a stock OpenFeature server SDK with the stock OFREP provider reads
// `<flagKey>.backfill-paused` before every batch, and each batch's progress is pushed as a signal.
// The README shows this same loop as a 20-line script; the demo deploy runs it against `npm start`.
//
// The server provider evaluates per call (no cache, no polling), so every check is a fresh read:
// a pause lands before the next batch. The default is `true`: when Switchback cannot be reached,
// or the token may not read the switch, the SDK answers the default and the backfill waits
// instead of running unwatched.
//
// Only the switch pauses the backfill. The release's own status (Stop, or auto-stop turning the
// flag off) does not: the flag protects the application (reads go back to the old column), the
// switch protects the database (locks, replica lag). Turning reads back does not make the
// backfill harmful (dual-write keeps both shapes right), and a pause criterion or a person's
// "Pause backfill" is how the load on the database is stopped, each on its own evidence.

export interface BatchResult {
  // Share of the work done after this batch, 0–100; pushed as the progress signal.
  percent: number;
  done: boolean;
}

export interface BackfillLoopOptions {
  // Where Switchback runs, e.g. http://127.0.0.1:3000.
  switchback: string;
  releaseId: string;
  // The release's flag; its backfill switch is `<flagKey>.backfill-paused`.
  flagKey: string;
  environment?: string;
  // A FLAG_READ token (sbr_…) and a SIGNAL_PUSH token (sbp_…) of the release.
  readToken: string;
  pushToken: string;
  // The key of the release's pushed progress signal.
  progressSignal?: string;
  // Who is asking, as Switchback lists its consumers ("<token name>/<consumer>").
  consumer?: string;
  // One batch: its own transaction, checkpointed, so a stopped job resumes where it was.
  batch: () => Promise<BatchResult>;
  // How long to wait before asking again while paused.
  waitMs?: number;
  // Called when the switch reads differently from the check before (and at the first check).
  onSwitch?: (paused: boolean, problem: string | null) => void;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function backfillLoop(options: BackfillLoopOptions): Promise<void> {
  const { switchback, releaseId, flagKey, readToken, batch, waitMs = 1000, signal } = options;
  const domain = `backfill:${releaseId}`;
  await OpenFeature.setProviderAndWait(domain, new OFREPProvider({ baseUrl: switchback, headers: { Authorization: `Bearer ${readToken}` } }));
  const flags = OpenFeature.getClient(domain);
  const context = { environment: options.environment ?? "production", targetingKey: options.consumer ?? "backfill" };
  let last: boolean | null = null;
  for (let done = false; !done && !signal?.aborted;) {
    const { value: paused, errorMessage } = await flags.getBooleanDetails(`${flagKey}.backfill-paused`, true, context);
    if (paused !== last) options.onSwitch?.(paused, errorMessage ?? null);
    last = paused;
    if (paused) {
      await sleep(waitMs);
      continue;
    }
    const result = await batch();
    done = result.done;
    await pushProgress(options, result.percent);
  }
}

// A sample lost to an unreachable Switchback is fine (the next check waits for it to come back);
// a refusal (wrong token, unknown signal, finished release) will not fix itself, so it stops the job.
async function pushProgress({ switchback, releaseId, pushToken, progressSignal = "backfill_progress" }: BackfillLoopOptions, percent: number) {
  const response = await fetch(`${switchback.replace(/\/$/, "")}/api/v1/releases/${releaseId}/signals`, {
    method: "POST",
    headers: { Authorization: `Bearer ${pushToken}`, "Content-Type": "application/json" },
    body: JSON.stringify([{ signal: progressSignal, value: percent }]),
  }).catch(() => null);
  if (response && response.status >= 400 && response.status < 500) {
    throw new Error(`Switchback refused the progress sample (${response.status}): ${await response.text()}`);
  }
}
