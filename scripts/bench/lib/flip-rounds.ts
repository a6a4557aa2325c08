import type { Browser, Page } from "@playwright/test";
import { wallNow, type Watch } from "./ofrep-consumers";

// Rounds of a person flipping the kill switch on the cockpit in a real Chromium, and how long each
// consumer takes to read the new value. t0 is the moment the confirming click reaches the page (its
// click event, stamped with the page's clock, which is this machine's): what comes before it is
// Playwright finding, scrolling to and checking the button, not Switchback. How long that driving
// took is returned too, and the bench prints the latencies counted from before it as well.

export async function openCockpit(browser: Browser, baseUrl: string, cookie: string, releaseId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl });
  const [name, ...value] = cookie.split("=");
  await context.addCookies([{ name: name!, value: value.join("="), url: baseUrl }]);
  const page = await context.newPage();
  await page.goto(`/releases/${releaseId}/cockpit`);
  await page.getByText("● Live").waitFor();
  return page;
}

// Clicks "Turn flag off|on", then the confirmation; `atT0` runs (not awaited) as the click starts.
// Returns t0 (the page's click event) and how long Playwright's driving took before it.
async function flip(cockpit: Page, on: boolean, atT0?: () => Promise<void>): Promise<{ t0: number; driving: number }> {
  await cockpit.getByRole("button", { name: on ? "Turn flag on" : "Turn flag off" }).click();
  const confirm = cockpit.getByRole("button", { name: on ? "Yes, turn it on" : "Yes, turn it off" });
  await confirm.waitFor();
  await cockpit.evaluate("document.addEventListener('click', () => { window.benchClickAt = Date.now(); }, { capture: true, once: true })");
  const clickCall = wallNow();
  const peer = atT0?.();
  await confirm.click();
  await peer;
  const t0 = Number(await cockpit.evaluate("window.benchClickAt"));
  return { t0, driving: t0 - clickCall };
}

const SETTLE_MS = 2000;

export interface Peers {
  names: string[];
  // Flips whatever the peers read from (Unleash's Admin API) at the same t0.
  toggle?: (on: boolean) => Promise<void>;
  periodMs: number;
}

export interface FlipResults {
  // Latency of each consumer in each round, by consumer name.
  byConsumer: Map<string, number[]>;
  slowestPerRound: number[];
  fastestPerRound: number[];
  driving: number[];
  // Every fast consumer's latency counted from Playwright's click call instead of the click event.
  fastFromCall: number[];
  misses: string[];
}

// `fast` are the consumers under budget; `probes` are timed the same way but are not consumers.
export async function flipRounds(
  cockpit: Page,
  watch: Watch,
  { fast, probes, peers }: { fast: string[]; probes: string[]; peers: Peers },
  rounds: number,
  peerRounds: number,
): Promise<FlipResults> {
  const byConsumer = new Map<string, number[]>();
  const slowestPerRound: number[] = [];
  const fastestPerRound: number[] = [];
  const driving: number[] = [];
  const fastFromCall: number[] = [];
  const misses: string[] = [];
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (let round = 0; round < rounds; round++) {
    const withPeers = round < peerRounds;
    const names = [...fast, ...probes, ...(withPeers ? peers.names : [])];
    // A poller's delay depends on where in its period the flip lands: land anywhere, not just after a poll.
    if (withPeers) await sleep(Math.random() * peers.periodMs);
    // Otherwise the click comes once the last flip has settled, as a person's would: by then every
    // open cockpit has re-rendered after it and its convergence was recorded. A click 100 ms after
    // everything read ON would queue behind that work on the same cores (that is another figure:
    // how a busy instance answers, not how fast the kill switch is).
    else await sleep(SETTLE_MS);
    const { t0, driving: drove } = await flip(cockpit, false, withPeers ? () => peers.toggle?.(false) ?? Promise.resolve() : undefined);
    driving.push(drove);
    const off = await watch.until(names, false, t0, withPeers ? 2 * peers.periodMs + 5000 : 10_000);
    for (const [name, ms] of off) byConsumer.set(name, [...(byConsumer.get(name) ?? []), ms]);
    for (const name of fast) fastFromCall.push((off.get(name) ?? Number.POSITIVE_INFINITY) + drove);
    for (const name of names) if (!off.has(name)) misses.push(`round ${round + 1}: ${name} did not read OFF`);
    slowestPerRound.push(Math.max(...fast.map((name) => off.get(name) ?? Number.POSITIVE_INFINITY)));
    fastestPerRound.push(Math.min(...fast.map((name) => off.get(name) ?? Number.POSITIVE_INFINITY)));
    process.stdout.write(
      `  round ${round + 1}/${rounds}: slowest of ${fast.length} ${slowestPerRound.at(-1)!.toFixed(0)} ms${withPeers ? " (with peers)" : ""}\n`,
    );

    // Back on, unmeasured: every consumer (and peer, in a peer round) must read ON before the next round.
    const { t0: t1 } = await flip(cockpit, true, withPeers ? () => peers.toggle?.(true) ?? Promise.resolve() : undefined);
    const on = await watch.until(names, true, t1, withPeers ? 2 * peers.periodMs + 5000 : 10_000);
    if (on.size < names.length) throw new Error(`round ${round + 1}: ${names.filter((n) => !on.has(n)).join(", ")} did not read ON again`);
  }
  return { byConsumer, slowestPerRound, fastestPerRound, driving, fastFromCall, misses };
}
