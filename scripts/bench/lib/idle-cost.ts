import { coreShare } from "./cpu";
import { openIdleStreams } from "./idle-streams";
import { mb, memoryKb, pidListeningOn } from "./proc";

// What idle connected consumers cost one instance: its resident memory before and 20 s after the
// streams open (nothing forced: no GC, no warm-up beyond what a server meets), and its CPU over
// 60 s of idleness without them and with them.

const SETTLE_MS = 20_000;
const RSS_WINDOW_SECONDS = 10;
const CPU_SECONDS = 60;
const RSS_BUDGET_KB = 50 * 1024;
const CPU_BUDGET_PERCENT = 2;

// A Node server's RSS moves by tens of MB with its own garbage collection: the median of a
// sample a second over a window says more than one reading.
async function medianRssKb(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RSS_WINDOW_SECONDS; i++) {
    samples.push((await memoryKb(pid)).rss);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

const signed = (value: number, text: string) => `${value < 0 ? "−" : "+"}${text}`;

export async function idleCost(baseUrl: string, job: { baseUrl: string; secret: string; environment: string; count: number }) {
  const pid = await pidListeningOn(Number(new URL(baseUrl).port));
  // One consumer first, closed again: the routes' code is loaded before "before", not counted as streams.
  await (await openIdleStreams({ ...job, count: 1 })).close();
  await new Promise((r) => setTimeout(r, 5000));
  const quiet = await coreShare(pid, CPU_SECONDS);
  const before = await medianRssKb(pid);
  const streams = await openIdleStreams(job);
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const after = await medianRssKb(pid);
    const busy = await coreShare(pid, CPU_SECONDS);
    const grew = after - before;
    const added = busy.percent - quiet.percent;
    return {
      lines: [
        `4. ${job.count} idle event streams on one instance, opened from a child process (budget ≤ 50 MB RSS, ≤ ${CPU_BUDGET_PERCENT} % of a core)`,
        `   streams open ${streams.opened} of ${job.count}${streams.failures.length ? ` (first failures: ${streams.failures.join("; ")})` : ""}`,
        `   server RSS (median over ${RSS_WINDOW_SECONDS} s) before ${mb(before)}, ${SETTLE_MS / 1000} s after opening ${mb(after)}: ${signed(grew, mb(Math.abs(grew)))}  ${grew <= RSS_BUDGET_KB ? "holds" : "FAILS"}`,
        `   server CPU over ${CPU_SECONDS} s idle: without streams ${quiet.percent.toFixed(2)} %, with them ${busy.percent.toFixed(2)} % of a core` +
          ` (${signed(added, Math.abs(added).toFixed(2))} %)  ${added <= CPU_BUDGET_PERCENT ? "holds" : "FAILS"}${busy.percent <= CPU_BUDGET_PERCENT ? " (the total holds too)" : ""}`,
      ],
    };
  } finally {
    await streams.close();
  }
}
