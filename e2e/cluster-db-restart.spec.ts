import type { Browser, Page } from "@playwright/test";
import { LOCK } from "@/lib/db/locks";
import { storeToken } from "@/lib/tokens/tokens";
import { startCluster, type Cluster, type Instance } from "./cluster-fixture";
import { startOwnDatabase } from "./cluster-database";
import { leaderOf } from "./cluster-leader";
import { distinctTimes, eventually, makeUserIn, pushSample, sleep } from "./cluster-release";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// PostgreSQL restarts under both instances (an operator's restart, a managed database's
// failover): every session is cut, for a while nothing answers, then it is back. Neither
// instance is restarted; both must answer again, and the cockpits open on them must go on
// showing every sample, those pushed just before the restart included, and the background work
// (auto-stop's leader) must come back. On a PostgreSQL of its own, so the restart disturbs no
// other spec.

const tile = (page: Page) => page.getByRole("region", { name: "Health signals" }).getByRole("listitem").filter({ hasText: "Error rate" });

async function cockpitOn(browser: Browser, cluster: Cluster, n: number, user: { email: string; password: string }, releaseId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: cluster.url, extraHTTPHeaders: { "X-Switchback-Instance": String(n) } });
  const page = await context.newPage();
  await signInAs(page, user);
  const response = await page.goto(`/releases/${releaseId}/cockpit`);
  expect(response?.headers()["x-switchback-instance"]).toBe(String(n));
  await expect(page.getByText("● Live")).toBeVisible();
  // Beside the cockpit's own stream, the same stream read by a real EventSource in the page, which
  // keeps every sample value in the order it arrived: what "no lost event" is checked against.
  await page.evaluate((id) => {
    const heard: number[] = [];
    (window as unknown as { heard: number[] }).heard = heard;
    const source = new EventSource(`/api/releases/${id}/stream`);
    source.addEventListener("batch", (event) => {
      for (const sample of (JSON.parse((event as MessageEvent<string>).data) as { samples: { value: number }[] }).samples) heard.push(sample.value);
    });
  }, releaseId);
  return page;
}

const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: number[] }).heard);

test("a PostgreSQL restart under both instances: both answer again without a restart, their cockpits miss no sample, auto-stop still guards and applications hear it", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const database = await startOwnDatabase();
  const cluster = await startCluster({ databaseUrl: database.runtimeUrl, migrationUrl: database.ownerUrl });
  try {
    const db = database.db();
    const [owner, backup, watcher] = [await makeUserIn(db, "OPERATOR"), await makeUserIn(db, "OPERATOR"), await makeUserIn(db, "VIEWER")];
    const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
    await db.release.update({ where: { id: release.id }, data: { autoStopEnabled: true, autoStopAfter: 2 } });
    const pages = [await cockpitOn(browser, cluster, 1, owner, release.id), await cockpitOn(browser, cluster, 2, watcher, release.id)];
    // An application's OpenFeature evaluations on each instance, cached there before the restart.
    const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "restart-app", releaseId: null, createdById: owner.id }));
    const evaluate = async (instance: Instance) => {
      const response = await fetch(`${instance.url}/ofrep/v1/evaluate/flags/${release.flagKey}`, {
        method: "POST",
        headers: { "X-API-Key": secret, "Content-Type": "application/json" },
        body: JSON.stringify({ context: { environment: "production" } }),
      });
      return ((await response.json()) as { value?: boolean }).value;
    };
    for (const instance of cluster.instances) expect(await evaluate(instance)).toBe(true);
    const next = distinctTimes();
    const push = (url: string, value: number) => pushSample(url, release.id, release.token, value, next());

    expect((await push(cluster.url, 0.5)).status).toBe(202);
    for (const page of pages) await expect(tile(page)).toContainText("0.5 %");

    // Accepted, and straight away the database goes down: its news may not have reached anyone.
    expect((await push(cluster.url, 0.6)).status).toBe(202);
    const [first, second] = cluster.instances;
    await database.restart(async () => {
      // Down for longer than one reconnection attempt of anything that reconnects (the LISTEN
      // session, the leader session, the pool): a managed failover takes seconds, not one.
      const downUntil = Date.now() + 5000;
      // Meanwhile a push is refused in words a client retries on, never taken and lost.
      for (const instance of [first!, second!]) {
        const refused = await push(instance.url, 9.9);
        expect(refused.status, `a push to instance ${instance.n} while the database is down`).toBe(503);
        expect(Number(refused.retryAfter)).toBeGreaterThan(0);
        expect((await fetch(`${instance.url}/api/v1/health`)).status).toBe(503);
      }
      // Through the balancer too, once it has marked both instances down and answers for itself.
      const balancer = await eventually(
        async () => {
          const answer = await fetch(`${cluster.url}/api/v1/releases/${release.id}/signals`, { method: "POST" });
          return answer.headers.get("x-switchback-instance") ? null : answer;
        },
        20_000,
        "the balancer answering for both instances",
      );
      expect(balancer.status).toBe(503);
      expect(Number(balancer.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await balancer.json()).error.code).toBe("UNAVAILABLE");
      await sleep(Math.max(0, downUntil - Date.now()));
    });

    // Both instances answer again, on their own: health, and a push each.
    for (const instance of [first!, second!]) {
      await eventually(
        async () => ((await fetch(`${instance.url}/api/v1/health`).catch(() => null))?.status === 200 ? true : null),
        60_000,
        `instance ${instance.n}'s health`,
      );
    }
    expect((await push(first!.url, 0.7)).status).toBe(202);
    expect((await push(second!.url, 0.8)).status).toBe(202);

    // Every cockpit shows the latest, and heard every sample, in order, once.
    for (const page of pages) {
      await expect(tile(page)).toContainText("0.8 %", { timeout: 30_000 });
      await expect.poll(() => heard(page), { timeout: 30_000 }).toEqual([0.5, 0.6, 0.7, 0.8]);
      await expect(page.getByText("● Live")).toBeVisible();
    }

    // The background work came back too: an instance leads auto-stop again, and a stop breach
    // after the restart turns the flag off, once, on both cockpits.
    await eventually(() => leaderOf(db, LOCK.autoStopLeader, cluster.instances), 30_000, "an auto-stop leader after the restart");
    for (let i = 0; i < 2; i++) expect((await push(cluster.url, 4.5)).status).toBe(202);
    for (const page of pages) await expect(page.getByLabel("Flag state")).toHaveText("Flag is OFF", { timeout: 30_000 });
    expect(await db.auditEvent.count({ where: { releaseId: release.id, action: "release.auto_stopped" } })).toBe(1);
    // And the applications hear it from either instance: no flag cache trusts what it held before.
    for (const instance of cluster.instances) await expect.poll(() => evaluate(instance), { timeout: 30_000 }).toBe(false);
    await Promise.all(pages.map((page) => page.context().close()));
  } finally {
    await cluster.stop();
    await database.stop();
  }
});
