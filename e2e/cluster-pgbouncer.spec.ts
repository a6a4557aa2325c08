import type { Browser, Page } from "@playwright/test";
import { OpenFeature } from "@openfeature/server-sdk";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { RUNTIME_ROLE } from "@/lib/db/roles";
import { startPgBouncer } from "@/lib/testing/pgbouncer";
import { storeToken } from "@/lib/tokens/tokens";
import { startCluster, type Cluster } from "./cluster-fixture";
import { startOwnDatabase } from "./cluster-database";
import { makeUserIn, pushSample, verifyAuditChain } from "./cluster-release";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The whole app as the README's "Through PgBouncer" deploys it: both instances send their queries
// through a real PgBouncer in transaction pooling mode (DATABASE_URL) and keep what needs a session
// (LISTEN, the leader locks, migrations) on DIRECT_DATABASE_URL. Browsers on either instance, an
// OpenFeature client, pushes and the audit chain work as they do without the pooler. On a
// PostgreSQL of its own, so that the connections counted are this cluster's alone.

const POOL = 4;

async function browserOn(browser: Browser, cluster: Cluster, n: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: cluster.url, extraHTTPHeaders: { "X-Switchback-Instance": String(n) } });
  return context.newPage();
}

const flagState = (page: Page) => page.getByLabel("Flag state");
const tile = (page: Page) => page.getByRole("region", { name: "Health signals" }).getByRole("listitem").filter({ hasText: "Error rate" });

test("two instances through PgBouncer in transaction mode: a flip, a decision and a push reach the other instance, a client converges, the chain verifies", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const database = await startOwnDatabase();
  const bouncer = await startPgBouncer(database.runtimeUrl, { poolSize: POOL });
  const cluster = await startCluster({ databaseUrl: bouncer.url, migrationUrl: database.ownerUrl, env: { DIRECT_DATABASE_URL: database.runtimeUrl } });
  try {
    const db = database.db();
    const [owner, backup, watcher, admin] = [
      await makeUserIn(db, "OPERATOR"),
      await makeUserIn(db, "OPERATOR"),
      await makeUserIn(db, "OPERATOR"),
      await makeUserIn(db, "ADMIN"),
    ];
    const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
    const [pageA, pageB] = [await browserOn(browser, cluster, 1), await browserOn(browser, cluster, 2)];
    await signInAs(pageA, owner);
    await signInAs(pageB, watcher);
    for (const [page, n] of [
      [pageA, 1],
      [pageB, 2],
    ] as const) {
      const response = await page.goto(`/releases/${release.id}/cockpit`);
      expect(response?.headers()["x-switchback-instance"]).toBe(String(n));
      await expect(page.getByText("● Live")).toBeVisible();
      await expect(flagState(page)).toHaveText("Flag is ON");
    }

    // A push through the balancer: stored through the pooler, announced on the direct connection.
    expect((await pushSample(cluster.url, release.id, release.token, 0.5)).status).toBe(202);
    for (const page of [pageA, pageB]) await expect(tile(page)).toContainText("0.5 %");

    const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "pooled-app", releaseId: null, createdById: owner.id }));
    await OpenFeature.setProviderAndWait(new OFREPProvider({ baseUrl: cluster.url, headers: [["Authorization", `Bearer ${secret}`]] }));
    const client = OpenFeature.getClient("pooled-app");
    const context = { targetingKey: "user-9", environment: "production" };
    expect(await client.getBooleanValue(release.flagKey, false, context)).toBe(true);

    await pageA.getByRole("button", { name: "Turn flag off" }).click();
    await pageA.getByRole("button", { name: "Yes, turn it off" }).click();
    for (const page of [pageA, pageB]) await expect(flagState(page)).toHaveText("Flag is OFF");
    await expect.poll(() => client.getBooleanValue(release.flagKey, true, context)).toBe(false);
    for (let i = 0; i < 2; i++) expect(await client.getBooleanValue(release.flagKey, true, context)).toBe(false);
    await OpenFeature.close();

    await pageA.getByRole("button", { name: "Go", exact: true }).click();
    for (const page of [pageA, pageB]) await expect(page.getByRole("region", { name: "Activity" })).toContainText("called GO");

    // Every audited write (sign-ins, the flip, the decision) went through the pooler and chains.
    const adminPage = await (await browser.newContext({ baseURL: cluster.url })).newPage();
    await signInAs(adminPage, admin);
    expect(await verifyAuditChain(adminPage, cluster.url)).toMatchObject({ ok: true });

    // The app's connections to PostgreSQL: PgBouncer's few server connections for every query,
    // and per instance only the sessions that need one (its listener and its leader session).
    const sessions = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE usename = ${RUNTIME_ROLE} AND backend_type = 'client backend'`;
    expect(Number(sessions[0]!.n)).toBeLessThanOrEqual(POOL + 2 * 2);
    await Promise.all([pageA, pageB, adminPage].map((page) => page.context().close()));
  } finally {
    await cluster.stop();
    await bouncer.stop();
    await database.stop();
  }
});
