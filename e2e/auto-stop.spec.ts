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
  // Read at once, without waiting: the banner and the flag panel come from the same render.
  expect(await page.getByLabel("Flag state").textContent()).toBe("Flag is OFF");
  expect(await page.getByRole("status", { name: "Release state" }).textContent()).toContain("PAUSED");
  await expect(page.getByRole("heading", { name: "First ten minutes" })).toBeVisible();
  await expect(page.getByText(/^Auto-stop at .* by Switchback auto-stop/)).toBeVisible();
});
