import { expect, signInAs, test } from "./fixtures";

// A Database criterion added through the plan's form: a built-in metric brings its own unit, a SQL
// signal that is not one SELECT is refused on its field, and with no target database chosen the
// signal says so. The release details take how often the target is polled and the business cycle.

test("an operator adds database signals to a plan", async ({ page, makeUser }) => {
  test.setTimeout(90_000);
  const operator = await makeUser("OPERATOR");
  const title = `Database signals ${operator.id.slice(0, 6)}`;
  await signInAs(page, operator);
  await page.getByRole("link", { name: "New release" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Poll the target every (s)").fill("500");
  await page.getByLabel("Business cycle (days)").fill("14");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("At most 300 seconds")).toBeVisible();
  await page.getByLabel("Poll the target every (s)").fill("5");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();

  const criteria = page.getByRole("region", { name: "Go/stop criteria" });
  await criteria.getByRole("button", { name: "Add a criterion" }).click();
  await criteria.getByLabel("Signal", { exact: true }).fill("Lock waits");
  await criteria.getByLabel("Values come from").selectOption({ label: "Target database" });
  await criteria.getByLabel("Reads").selectOption({ label: "Lock waits" });
  // The metric's unit, not the person's choice.
  await expect(criteria.getByLabel("Unit")).toHaveValue("COUNT");
  await expect(criteria.getByLabel("Unit")).toBeDisabled();
  await expect(criteria.getByLabel("SQL", { exact: true })).toHaveCount(0);
  await criteria.getByLabel("Stop threshold (count)").fill("3");
  await criteria.getByRole("button", { name: "Add criterion" }).click();
  await expect(criteria.getByRole("cell", { name: "> 3" })).toBeVisible();
  await expect(criteria).toContainText("lock_waits · Database");
  await expect(criteria).toContainText("This release has no target database");

  await criteria.getByRole("button", { name: "Add a criterion" }).click();
  await criteria.getByLabel("Signal", { exact: true }).fill("Backfill progress");
  await criteria.getByLabel("Values come from").selectOption({ label: "Target database" });
  await criteria.getByLabel("Reads").selectOption({ label: "SQL query (one number)" });
  await criteria.getByLabel("SQL", { exact: true }).fill("UPDATE users SET first_name = split_part(full_name, ' ', 1)");
  await criteria.getByLabel("Breached when the value is").selectOption({ value: "LT" });
  await criteria.getByLabel("Stop threshold (%)").fill("0");
  await criteria.getByRole("button", { name: "Add criterion" }).click();
  await expect(criteria.getByText("A SQL signal must be a SELECT; this is an UPDATE.")).toBeVisible();
  await criteria.getByLabel("SQL", { exact: true }).fill("SELECT 100.0 * count(*) FILTER (WHERE first_name IS NOT NULL) / greatest(count(*), 1) FROM users");
  await criteria.getByRole("button", { name: "Add criterion" }).click();
  await expect(criteria).toContainText("backfill_progress · Database");
});
