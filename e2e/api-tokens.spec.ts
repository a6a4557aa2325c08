import { storeToken } from "@/lib/tokens/tokens";
import { expect, signInAs, test } from "./fixtures";

// A token's term is chosen when it is made and shown in the list; the push API refuses it after.

test("an admin creates a token that expires after the chosen term, shown in the list", async ({ page, makeUser }) => {
  const admin = await makeUser("ADMIN");
  await signInAs(page, admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens", exact: true }).click();
  const name = `e2e reader ${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Allows").selectOption("FLAG_READ");
  await page.getByLabel("Release").selectOption("");
  await page.getByLabel("Expires after").selectOption("7");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New token")).toContainText("sbr_");

  const row = page.getByRole("row").filter({ hasText: name });
  const inAWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
  await expect(row).toContainText(String(inAWeek.getDate()));
});

test("the push API answers an expired token 401 saying it expired", async ({ request, db, makeUser }) => {
  const admin = await makeUser("ADMIN");
  const release = await db.release.findFirstOrThrow({ select: { id: true } });
  const { token, secret } = await db.$transaction((tx) =>
    storeToken(tx, { kind: "SIGNAL_PUSH", name: "old job", releaseId: release.id, createdById: admin.id, expiresInDays: 7 }),
  );
  await db.apiToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const response = await request.post(`/api/v1/releases/${release.id}/signals`, { headers: { authorization: `Bearer ${secret}` }, data: [] });
  expect(response.status()).toBe(401);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^This token expired on \d{4}-\d{2}-\d{2}/);
});
