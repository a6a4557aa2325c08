import { expect, signInAs, test } from "./fixtures";

test("a canary release starts with the canary's checklist and says what the style asks", async ({ page, makeUser }) => {
  const operator = await makeUser("OPERATOR");
  const title = `Canary split ${operator.id.slice(0, 6)}`;

  await signInAs(page, operator);
  await page.getByRole("link", { name: "New release" }).click();
  await page.getByLabel("Title").fill(title);
  await expect(page.getByLabel("Deploy style")).toHaveValue("ROLLING");
  await page.getByLabel("Deploy style").selectOption({ label: "Canary" });
  await page.getByRole("button", { name: "Create release" }).click();

  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("Canary: name the slice and watch its new writes before widening.")).toBeVisible();
  const migrate = page.getByRole("region", { name: "Migrate", exact: true });
  await expect(migrate).toContainText("The canary slice is small and named (e.g. 5 % of traffic)");
  await expect(migrate).not.toContainText("Dual-write covers rows written by old instances mid-rollout");
});
