import { expect, signInAs, test } from "./fixtures";

// Issue 10, "Audit readability": the trail reads in a release manager's words, and sign-ins do
// not drown the global log.

test("a changed auto-stop setting reads “Auto-stop: off → on”, with the change as a table and the raw event for auditors", async ({ page, makeUser, db }) => {
  const operator = await makeUser("OPERATOR");
  const release = await db.release.create({
    data: {
      title: `Readable ${operator.id.slice(0, 6)}`,
      stages: {
        create: [
          { kind: "EXPAND", position: 0 },
          { kind: "MIGRATE", position: 1 },
          { kind: "CONTRACT", position: 2 },
        ],
      },
    },
    select: { id: true },
  });

  await signInAs(page, operator);
  await page.goto(`/releases/${release.id}`);
  await page.getByRole("button", { name: "Edit details" }).click();
  await page.getByLabel("Automatic actions: pause the backfill or turn the flag off").check();
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("button", { name: "Edit details" })).toBeVisible();

  await page.goto(`/releases/${release.id}/audit`);
  const event = page.getByRole("listitem").filter({ hasText: "Auto-stop: off → on" });
  await expect(event).toContainText(operator.name);
  // What shows before anything is opened: the internal name is only in the raw event.
  expect(await page.getByRole("main").innerText()).not.toContain("autoStopEnabled");

  await event.getByText("Before → after").click();
  const change = event.getByRole("table", { name: "What changed" });
  await expect(change.getByRole("row", { name: /Auto-stop/ })).toContainText(/Auto-stop\s*off\s*on/);
  await event.getByText("Raw event").click();
  await expect(event.locator("pre")).toContainText('"autoStopEnabled": true');
});

test("sign-ins are hidden from the audit log by default, summarised in one line, and shown with the filter", async ({ page, makeUser }) => {
  const viewer = await makeUser("VIEWER");
  await signInAs(page, viewer);

  // Only this person's events: other tests sign in at the same time.
  await page.goto(`/audit?actor=${viewer.id}`);
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(page.getByText("1 sign-in hidden (1 person)")).toBeVisible();
  await expect(page.getByText("No audit events match these filters.")).toBeVisible();
  const hiddenExport = await page.request.get(`/api/v1/audit/export?format=json&actor=${viewer.id}`);
  expect(((await hiddenExport.json()) as { action: string }[]).map((e) => e.action)).toEqual([]);

  const form = page.getByRole("form", { name: "Filter the audit log" });
  await form.getByLabel("Show sign-ins").check();
  await form.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/signins=show/);
  await expect(page.getByRole("table").locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("table")).toContainText("auth.signed_in");
  await expect(page.getByText(/sign-ins? hidden/)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Export JSON" })).toHaveAttribute("href", /signins=show/);
  const shownExport = await page.request.get(`/api/v1/audit/export?format=json&actor=${viewer.id}&signins=show`);
  expect(((await shownExport.json()) as { action: string }[]).map((e) => e.action)).toEqual(["auth.signed_in"]);

  // The one-line summary's link leads to the same view.
  await page.goto(`/audit?actor=${viewer.id}`);
  await page.getByRole("link", { name: "Show sign-ins" }).click();
  await expect(page).toHaveURL(/signins=show/);
  await expect(page.getByLabel("Show sign-ins")).toBeChecked();
});
