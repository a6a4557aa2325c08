import { LOCK } from "@/lib/db/locks";
import { startReceiver } from "@/lib/testing/webhooks";
import { startCluster } from "./cluster-fixture";
import { startOwnDatabase } from "./cluster-database";
import { leaderOf } from "./cluster-leader";
import { distinctTimes, eventually, makeUserIn, pushSample, sleep, verifyAuditChain, type Pushed } from "./cluster-release";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The leader of auto-stop is killed (SIGKILL: no drain, no goodbye) in the middle of a stop
// breach, while samples keep coming through the balancer. The other instance takes the lock over
// and finishes the job: one auto-stop, one webhook message, every accepted sample kept, and an
// audit chain that still verifies. On a PostgreSQL of its own: the suite's server would otherwise
// compete for the leader locks, and could be the leader that is never killed.

const AFTER = 5;
const BREACHING = 4.5;

test("the auto-stop leader killed mid-breach: the other instance stops the release exactly once and nothing is lost", async ({ browser }) => {
  test.setTimeout(300_000);
  const database = await startOwnDatabase();
  const webhookSecret = "failover-test-secret";
  const receiver = await startReceiver(webhookSecret);
  // The receiver listens on loopback; the instances may post there, explicitly.
  // Set while samples are being pushed in the background; a failed test stops them too.
  let pushing = false;
  const cluster = await startCluster({ databaseUrl: database.runtimeUrl, migrationUrl: database.ownerUrl, env: { WEBHOOK_ALLOW_PRIVATE: "127.0.0.1/32" } });
  try {
    const db = database.db();
    const [owner, backup, admin] = [await makeUserIn(db, "OPERATOR"), await makeUserIn(db, "OPERATOR"), await makeUserIn(db, "ADMIN")];
    const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
    await db.release.update({ where: { id: release.id }, data: { autoStopEnabled: true, autoStopAfter: AFTER } });
    await db.webhook.create({ data: { name: "failover", url: receiver.url, secret: webhookSecret, events: ["auto_stop"] } });
    const forRelease = () => receiver.received.filter((r) => (JSON.parse(r.body) as { switchback: { releaseId: string } }).switchback.releaseId === release.id);

    const leader = await eventually(() => leaderOf(db, LOCK.autoStopLeader, cluster.instances), 60_000, "an auto-stop leader");
    const survivor = cluster.instances.find((instance) => instance !== leader)!;
    const webhookLeader = await eventually(() => leaderOf(db, LOCK.webhookLeader, cluster.instances), 60_000, "a webhook leader");
    console.log(`Auto-stop leader: instance ${leader.n}; webhook leader: instance ${webhookLeader.n}. Killing instance ${leader.n}.`);

    // The breach begins under the leader: fewer breaching samples than it takes to stop.
    const next = distinctTimes();
    const pushed: Pushed[] = [];
    for (let i = 0; i < 2; i++) pushed.push(await pushSample(cluster.url, release.id, release.token, BREACHING, next()));
    expect(pushed.map((p) => p.status)).toEqual([202, 202]);

    // Samples keep coming through the balancer, one after another, across the kill.
    pushing = true;
    const pusher = (async () => {
      while (pushing) {
        pushed.push(await pushSample(cluster.url, release.id, release.token, BREACHING, next()));
        await sleep(100);
      }
    })();
    const killedAt = Date.now();
    process.kill(leader.pid, "SIGKILL");

    await eventually(async () => ((await leaderOf(db, LOCK.autoStopLeader, cluster.instances)) === survivor ? true : null), 60_000, "the takeover");
    console.log(`Instance ${survivor.n} took the auto-stop lock over ${Date.now() - killedAt} ms after instance ${leader.n} was killed.`);

    const flagOff = async () =>
      !(await db.flag.findFirstOrThrow({ where: { key: release.flagKey, environment: "production" }, select: { enabled: true } })).enabled;
    await expect.poll(flagOff, { timeout: 60_000 }).toBe(true);
    const stopped = await db.auditEvent.findMany({ where: { releaseId: release.id, action: "release.auto_stopped" }, select: { at: true, actorLabel: true } });
    console.log(`Auto-stop recorded ${stopped[0]!.at.getTime() - killedAt} ms after the kill.`);
    // More breaching samples after the stop: a second instance or a later tick must not fire again.
    const afterStop = pushed.length;
    await expect.poll(() => pushed.length - afterStop, { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    pushing = false;
    await pusher;

    // Exactly one auto-stop, after the old leader was gone: the survivor made it.
    const autoStops = await db.auditEvent.findMany({
      where: { releaseId: release.id, action: "release.auto_stopped" },
      select: { at: true, actorLabel: true },
    });
    expect(autoStops).toHaveLength(1);
    expect(autoStops[0]!.actorLabel).toBe("Switchback auto-stop");
    expect(autoStops[0]!.at.getTime()).toBeGreaterThanOrEqual(killedAt);
    expect(await db.auditEvent.count({ where: { releaseId: release.id, action: "flag.changed", actorLabel: "Switchback auto-stop" } })).toBe(1);
    expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { status: true } })).toEqual({ status: "PAUSED" });
    expect(await leaderOf(db, LOCK.autoStopLeader, cluster.instances)).toBe(survivor);

    // One message, signed, and still one once the delivery is recorded and the dispatcher has
    // gone round several more times.
    await expect.poll(() => forRelease().length, { timeout: 60_000 }).toBe(1);
    await expect
      .poll(() => db.webhookDelivery.findMany({ where: { event: "auto_stop" }, select: { status: true, attempts: true } }))
      .toEqual([{ status: "DELIVERED", attempts: 1 }]);
    await sleep(3000);
    expect(forRelease()).toHaveLength(1);
    expect(forRelease()[0]!.signatureValid).toBe(true);
    expect(forRelease()[0]!.headers["x-switchback-event"]).toBe("auto_stop");

    // Every sample the API accepted (202) is stored, once; a push cut by the kill may or may not
    // have been stored, but was never answered 202.
    const accepted = pushed.filter((p) => p.status === 202);
    const unanswered = pushed.filter((p) => p.status !== 202);
    console.log(
      `Pushed ${pushed.length} samples: ${accepted.length} accepted, ${unanswered.length} not (${unanswered.map((p) => p.error ?? p.status).join(", ") || "none"}).`,
    );
    expect(accepted.length).toBeGreaterThanOrEqual(AFTER + 10);
    const stored = await db.signalSample.findMany({ where: { signal: { releaseId: release.id } }, select: { at: true } });
    const storedTimes = stored.map((s) => s.at.toISOString());
    for (const sample of accepted)
      expect(
        storedTimes.filter((at) => at === sample.at),
        `sample at ${sample.at}`,
      ).toHaveLength(1);

    // The audit chain written by two instances, one killed mid-flight, verifies.
    const page = await (await browser.newContext({ baseURL: cluster.url })).newPage();
    await signInAs(page, admin);
    expect(await verifyAuditChain(page, cluster.url)).toMatchObject({ ok: true });
    await page.context().close();
  } finally {
    pushing = false;
    await cluster.stop();
    await receiver.stop();
    await database.stop();
  }
});
