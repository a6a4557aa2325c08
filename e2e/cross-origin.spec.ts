import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// The attack from issue 9: a page on the same site (another port of the same host counts as the
// same site, so the Lax session cookie goes along) posts a text/plain form at the kill-switch
// route. The browser really sends it; the server must refuse it and leave the flag alone.

test("a text/plain form on another same-site origin cannot flip the flag with an admin's cookie", async ({ page, makeUser, db, baseURL }) => {
  const admin = await makeUser("ADMIN");
  const release = await makeLiveRelease(db, { decision: await makeUser("OPERATOR"), backup: await makeUser("OPERATOR"), creator: admin });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  await signInAs(page, admin);

  const app = new URL(baseURL!);
  const evil = `http://${app.hostname}:${Number(app.port) === 65535 ? 65534 : Number(app.port) + 1}/`;
  await page.route(evil, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="POST" enctype="text/plain" action="${baseURL}/api/v1/releases/${release.id}/flag/off">
               <input name='{"expected":true,"x":"' value='"}'><button>Win a prize</button></form>`,
    }),
  );
  await page.goto(evil);
  const [response] = await Promise.all([
    page.waitForResponse(`**/api/v1/releases/${release.id}/flag/off`),
    page.getByRole("button", { name: "Win a prize" }).click(),
  ]);
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  expect((await db.flag.findFirstOrThrow({ where: { key: flagKey } })).enabled).toBe(true);
});

test("the same JSON from the app's own pages still works, and scripts without a browser are unaffected", async ({ page, makeUser, db }) => {
  const operator = await makeUser("OPERATOR");
  const release = await makeLiveRelease(db, { decision: await makeUser("OPERATOR"), backup: await makeUser("OPERATOR"), creator: operator });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  await signInAs(page, operator);

  const wrongType = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, {
    headers: { "Content-Type": "text/plain" },
    data: '{"expected":true}',
  });
  expect(wrongType.status()).toBe(415);
  expect((await wrongType.json()).error.message).toMatch(/application\/json/);
  const foreign = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { headers: { Origin: "https://evil.example" }, data: { expected: true } });
  expect(foreign.status()).toBe(403);

  const status = await page.evaluate(async (id) => {
    const response = await fetch(`/api/v1/releases/${id}/flag/off`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ expected: true }),
    });
    return response.status;
  }, release.id);
  expect(status).toBe(200);
  expect((await db.flag.findFirstOrThrow({ where: { key: flagKey } })).enabled).toBe(false);
});
