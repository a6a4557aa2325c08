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

// Clicks "Turn flag off|on", then the confirmation.
// Returns t0 (the page's click event) and how long Playwright's driving took before it.
async function flip(cockpit: Page, on: boolean): Promise<{ t0: number; driving: number }> {
  await cockpit.getByRole("button", { name: on ? "Turn flag on" : "Turn flag off" }).click();
  const confirm = cockpit.getByRole("button", { name: on ? "Yes, turn it on" : "Yes, turn it off" });
  await confirm.waitFor();
  await cockpit.evaluate("document.addEventListener('click', () => { window.benchClickAt = Date.now(); }, { capture: true, once: true })");
  const clickCall = wallNow();
  await confirm.click();
  const t0 = Number(await cockpit.evaluate("window.benchClickAt"));
  return { t0, driving: t0 - clickCall };
}

const SETTLE_MS = 2000;

// A peer that reads another system (Unleash) is timed from that system's own toggle, made this
// long before the click: toggled at the same instant, unleash-server's work on the same two cores
// slowed the flip it was compared with.
const TOGGLE_LEAD_MS = 1000;

export interface Peers {
  names: string[];
  // Flips whatever the `toggled` peers read from (Unleash's Admin API).
  toggle?: (on: boolean) => Promise<void>;
  toggled: string[];
  periodMs: number;
}

// Toggles the other system ahead of the click; returns when it was asked (its peers' t0).
async function toggleAhead(peers: Peers, on: boolean): Promise<number | undefined> {
  if (!peers.toggle) return undefined;
  const asked = wallNow();
  await peers.toggle(on);
  await new Promise((r) => setTimeout(r, TOGGLE_LEAD_MS));
  return asked;
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
    // The click comes once the last flip has settled, as a person's would: by then every open
    // cockpit has re-rendered after it and its convergence was recorded. A click 100 ms after
    // everything read ON would queue behind that work on the same cores (that is another figure:
    // how a busy instance answers, not how fast the kill switch is). A poller's delay depends on
    // where in its period the flip lands: in a peer round, land anywhere, not just after a poll.
    await sleep(SETTLE_MS + (withPeers ? Math.random() * peers.periodMs : 0));
    const timeout = withPeers ? 2 * peers.periodMs + 5000 : 10_000;
    const toggledAt = withPeers ? await toggleAhead(peers, false) : undefined;
    const { t0, driving: drove } = await flip(cockpit, false);
    driving.push(drove);
    const ours = names.filter((name) => toggledAt === undefined || !peers.toggled.includes(name));
    const off = await watch.until(ours, false, t0, timeout);
    if (toggledAt !== undefined) for (const [name, ms] of await watch.until(peers.toggled, false, toggledAt, timeout)) off.set(name, ms);
    for (const [name, ms] of off) byConsumer.set(name, [...(byConsumer.get(name) ?? []), ms]);
    for (const name of fast) fastFromCall.push((off.get(name) ?? Number.POSITIVE_INFINITY) + drove);
    for (const name of names) if (!off.has(name)) misses.push(`round ${round + 1}: ${name} did not read OFF`);
    slowestPerRound.push(Math.max(...fast.map((name) => off.get(name) ?? Number.POSITIVE_INFINITY)));
    fastestPerRound.push(Math.min(...fast.map((name) => off.get(name) ?? Number.POSITIVE_INFINITY)));
    process.stdout.write(
      `  round ${round + 1}/${rounds}: slowest of ${fast.length} ${slowestPerRound.at(-1)!.toFixed(0)} ms${withPeers ? " (with peers)" : ""}\n`,
    );

    // Back on, unmeasured: every consumer (and peer, in a peer round) must read ON before the next round.
    const toggledOnAt = withPeers ? await toggleAhead(peers, true) : undefined;
    const { t0: t1 } = await flip(cockpit, true);
    const on = await watch.until(names, true, Math.min(t1, toggledOnAt ?? t1), timeout);
    if (on.size < names.length) throw new Error(`round ${round + 1}: ${names.filter((n) => !on.has(n)).join(", ")} did not read ON again`);
  }
  return { byConsumer, slowestPerRound, fastestPerRound, driving, fastFromCall, misses };
}
