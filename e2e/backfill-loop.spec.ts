import type { Page } from "@playwright/test";
import { OpenFeature, type EvaluationDetails, type FlagValue } from "@openfeature/server-sdk";
import { backfillLoop } from "@/lib/demo/backfill-loop";
import { ensureBackfillSwitch } from "@/lib/flags/backfill/switch";
import { storeToken } from "@/lib/tokens/tokens";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The README's backfill loop (the demo deploy's Migrate job) in this Node process, with the stock
// OpenFeature server SDK and OFREP provider, against the running app: it does not run while its
// switch cannot be read, stops before the next batch when an operator presses "Pause backfill",
// goes on when the decision owner resumes, and its progress reaches the cockpit as a signal.

const backfillState = (page: Page) => page.getByLabel("Backfill state");

test.afterEach(() => {
  OpenFeature.clearHooks();
});

test("a backfill with a stock OpenFeature SDK waits while its switch is paused or unreadable, and pushes its progress", async ({
  browser,
  makeUser,
  db,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const [owner, backup, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner }, { flagOn: true });
  const switchKey = `${release.flagKey}.backfill-paused`;
  // Not there yet: what a job meets when the switch is missing or its token may not read it.
  await db.flag.deleteMany({ where: { key: switchKey } });
  const progressSignal = await db.signal.create({
    data: { releaseId: release.id, key: "backfill_progress", name: "Backfill progress", unit: "PERCENT", source: "PUSH", pollIntervalSeconds: 5 },
    select: { id: true },
  });
  const { secret: readToken } = await db.$transaction((tx) =>
    storeToken(tx, { kind: "FLAG_READ", name: "backfill job", releaseId: release.id, createdById: owner.id }),
  );

  // Every answer the job's SDK got for the switch, seen through a stock OpenFeature hook.
  const reads: EvaluationDetails<FlagValue>[] = [];
  OpenFeature.addHooks({ finally: (hook, details) => void (hook.flagKey === switchKey && reads.push(details)) });
  const readsSince = (from: number) => reads.slice(from);

  // A small real batch: ten of sixty rows per batch. The second batch holds until the operator's
  // pause is on the cockpit, so the pause is in place before the job's next check.
  const rows = Array.from({ length: 60 }, (_, id) => id);
  const done: number[] = [];
  let pauseShown: () => void = () => undefined;
  const pausedDuringSecondBatch = new Promise<void>((resolve) => (pauseShown = resolve));
  const batch = async () => {
    done.push(...rows.splice(0, 10));
    if (done.length === 20) await pausedDuringSecondBatch;
    return { percent: Math.round((100 * done.length) / 60), done: rows.length === 0 };
  };
  const switches: string[] = [];
  const job = backfillLoop({
    switchback: baseURL!,
    releaseId: release.id,
    flagKey: release.flagKey,
    readToken,
    pushToken: release.token,
    consumer: "e2e-backfill",
    waitMs: 200,
    batch,
    onSwitch: (paused, problem) => switches.push(problem ? "unreadable" : paused ? "paused" : "running"),
  });

  // No switch to read: the SDK answers the default, paused, and no batch runs.
  await expect.poll(() => readsSince(0).filter((r) => r.errorCode === "FLAG_NOT_FOUND" && r.value === true).length).toBeGreaterThanOrEqual(3);
  expect(done).toEqual([]);
  await db.$transaction((tx) => ensureBackfillSwitch(tx, release.flagKey, "production"));
  await expect.poll(() => done.length).toBe(20);

  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const [operatorPage, ownerPage] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page];
  await signInAs(operatorPage, operator);
  await signInAs(ownerPage, owner);
  for (const page of [operatorPage, ownerPage]) {
    await page.goto(`/releases/${release.id}/cockpit`);
    await expect(page.getByText("● Live")).toBeVisible();
  }
  await operatorPage.getByRole("button", { name: "Pause backfill" }).click();
  await expect(backfillState(operatorPage)).toHaveText("Backfill PAUSED");
  const pausedFrom = reads.length;
  pauseShown();

  // Three fresh reads say paused, and not one more batch ran.
  await expect.poll(() => readsSince(pausedFrom).filter((r) => r.value === true && !r.errorCode).length).toBeGreaterThanOrEqual(3);
  expect(done).toHaveLength(20);
  expect(readsSince(pausedFrom).every((r) => r.value === true)).toBe(true);

  await expect(backfillState(ownerPage)).toHaveText("Backfill PAUSED");
  await ownerPage.getByRole("button", { name: "Resume backfill" }).click();
  await expect(backfillState(ownerPage)).toHaveText("Backfill running");
  await job;
  expect(done).toEqual(Array.from({ length: 60 }, (_, id) => id));
  expect(switches).toEqual(["unreadable", "running", "paused", "running"]);

  // One progress sample per batch, in order, and the cockpit's tile shows the last.
  const samples = await db.signalSample.findMany({ where: { signalId: progressSignal.id }, orderBy: { id: "asc" }, select: { value: true } });
  expect(samples.map((s) => s.value)).toEqual([17, 33, 50, 67, 83, 100]);
  await expect(ownerPage.getByRole("listitem", { name: "Backfill progress: No criterion" })).toContainText("100");
  await Promise.all(contexts.map((c) => c.close()));
});
