import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// Issue 9: the cockpit's badge stayed "● Live" over a stream that had gone silent. A connection
// can die without an error (a proxy holding it half-open, a laptop waking from sleep); the page
// notices the missing heartbeat, says "Reconnecting…", and connects afresh.
// The browser's clock is moved past the heartbeat's silence limit instead of waiting 20 s; the
// stream request is held unanswered meanwhile, as a dead proxy would.

test("the live badge says Reconnecting… once the stream is silent past its heartbeat, then Live again", async ({ page, makeUser, db }) => {
  const owner = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: owner });
  await signInAs(page, owner);
  await page.clock.install();
  await page.goto(`/releases/${release.id}/cockpit`);
  await expect(page.getByText("● Live")).toBeVisible();

  // From now on a new stream connection hangs: the server never answers it.
  await page.route(`**/api/releases/${release.id}/stream**`, () => undefined);
  await page.clock.fastForward(25_000);
  await expect(page.getByText("○ Reconnecting…")).toBeVisible();

  await page.unroute(`**/api/releases/${release.id}/stream**`);
  await page.clock.fastForward(25_000);
  await expect(page.getByText("● Live")).toBeVisible();
});
