import { readBackfillSwitch } from "@/lib/flags/backfill/switch";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// Auto-stop seen from the cockpit: the banner, the flag panel, the state bar and the first ten
// minutes tell one story in the same render — the banner never claims a flip the flag panel
// does not show yet.
test("an auto-stop shows as one consistent state: banner, flag OFF, PAUSED, incident clock", async ({ page, request, makeUser, db }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: await makeUser("ADMIN") }, { flagOn: true });
  await db.release.update({ where: { id: release.id }, data: { autoStopEnabled: true, autoStopAfter: 3 } });
  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(page.getByLabel("Flag state")).toHaveText("Flag is ON");

  const now = Date.now();
  const samples = [3, 2, 1].map((ago) => ({ signal: "error_rate", value: 4.5, at: new Date(now - ago * 1000).toISOString() }));
  expect(
    (await request.post(`/api/v1/releases/${release.id}/signals`, { headers: { Authorization: `Bearer ${release.token}` }, data: samples })).status(),
  ).toBe(202);

  const banner = page.getByText(/Switchback auto-stop turned the flag off at/);
  await expect(banner).toBeVisible();
  // The one sentence every automatic action carries, under the headline.
  await expect(page.getByRole("alert").filter({ has: banner })).toContainText("Error rate 4.5 % > 2 % for 3 checks → flag turned off.");
  // Read at once, without waiting: the banner and the flag panel come from the same render.
  expect(await page.getByLabel("Flag state").textContent()).toBe("Flag is OFF");
  expect(await page.getByRole("status", { name: "Release state" }).textContent()).toContain("PAUSED");
  await expect(page.getByRole("heading", { name: "First ten minutes" })).toBeVisible();
  await expect(page.getByText(/^Auto-stop at .* by Switchback auto-stop/)).toBeVisible();
});

// Pause first, then stop: a criterion set to pause the backfill says so on the plan and the
// runbook, and its breach pauses the backfill while the flag stays on.
test("a “Pause backfill” criterion pauses the backfill and leaves the flag on", async ({ page, request, makeUser, db }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: await makeUser("ADMIN") }, { flagOn: true });
  await db.release.update({ where: { id: release.id }, data: { autoStopEnabled: true, autoStopAfter: 3 } });
  await signInAs(page, owner);
  await page.goto(`/releases/${release.id}`);
  const criteria = page.getByRole("region", { name: "Go/stop criteria" });
  await criteria.getByRole("button", { name: "Edit criterion Error rate" }).click();
  await criteria.getByLabel("Automatic action").selectOption({ label: "Pause backfill" });
  await criteria.getByRole("button", { name: "Save criterion" }).click();
  // Saved: the form closes and the row says what the criterion does.
  await expect(criteria.getByRole("button", { name: "Edit criterion Error rate" })).toBeVisible();
  await expect(criteria.getByRole("cell", { name: "Pause backfill", exact: true })).toBeVisible();

  await page.goto(`/releases/${release.id}/runbook`);
  await expect(page.getByRole("region", { name: "Stop when" })).toContainText("Error rate > 2 % over 120 s → automatically: pause backfill after 3 checks");

  const now = Date.now();
  const samples = [3, 2, 1].map((ago) => ({ signal: "error_rate", value: 4.5, at: new Date(now - ago * 1000).toISOString() }));
  expect(
    (await request.post(`/api/v1/releases/${release.id}/signals`, { headers: { Authorization: `Bearer ${release.token}` }, data: samples })).status(),
  ).toBe(202);
  await expect.poll(async () => (await readBackfillSwitch(db, release.id))?.paused ?? false).toBe(true);
  const pause = await db.auditEvent.findFirstOrThrow({
    where: { releaseId: release.id, action: "backfill.paused" },
    select: { actorLabel: true, after: true },
  });
  expect(pause).toMatchObject({ actorLabel: "Switchback auto-pause", after: { reason: "Error rate 4.5 % > 2 % for 3 checks → backfill paused" } });
  expect(await db.flag.findFirstOrThrow({ where: { key: release.flagKey, environment: "production" }, select: { enabled: true } })).toEqual({ enabled: true });
  expect(await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { status: true } })).toEqual({ status: "IN_PROGRESS" });
});
