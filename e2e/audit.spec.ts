import { readFileSync } from "node:fs";
import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

test("after a scripted release the audit trail shows every step in order with its actor, exports it, and the chain verifies", async ({
  page,
  browser,
  makeUser,
  db,
}) => {
  test.setTimeout(120_000);
  const [owner, backup, operator, admin] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("ADMIN")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner });
  const { flagKey } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { flagKey: true } });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });

  // Plan: the operator adds a checklist item on the plan page.
  await signInAs(page, operator);
  await page.goto(`/releases/${release.id}`);
  await page.getByLabel("New Migrate checklist item").fill("Backfill paused before contract");
  await page.getByRole("region", { name: "Migrate", exact: true }).getByRole("button", { name: "Add item" }).click();
  await expect(page.getByText("Backfill paused before contract")).toBeVisible();

  // Go, by the decision owner; then the operator turns the flag off.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signInAs(ownerPage, owner);
  expect((await ownerPage.request.post(`/api/v1/releases/${release.id}/decisions`, { data: { verdict: "GO", reason: "All signals green" } })).status()).toBe(
    201,
  );
  expect((await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true } })).status()).toBe(200);

  // Stage complete, by the stage owner on the cockpit.
  await ownerPage.goto(`/releases/${release.id}/cockpit`);
  await ownerPage.getByLabel("Columns added").check();
  await expect(ownerPage.getByRole("button", { name: "Mark stage complete" })).toBeEnabled();
  await ownerPage.getByRole("button", { name: "Mark stage complete" }).click();
  await expect(ownerPage.getByRole("heading", { name: "Current stage: Migrate" })).toBeVisible();
  await ownerContext.close();

  await page.goto(`/releases/${release.id}/audit`);
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  const expected = [
    [operator.name, "added “Backfill paused before contract” to Migrate"],
    [owner.name, "called GO: All signals green"],
    [operator.name, "turned the flag off"],
    [owner.name, "ticked “Columns added” in Expand"],
    [owner.name, "completed Expand; Migrate is active"],
  ];
  const text = await page.getByRole("main").innerText();
  let from = 0;
  for (const [actor, what] of expected) {
    const at = text.indexOf(what!, from);
    expect(at, `"${what}" after position ${from}`).toBeGreaterThan(-1);
    expect(text.slice(Math.max(0, at - 200), at)).toContain(actor!);
    from = at;
  }

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = readFileSync((await (await download).path())!, "utf8");
  expect(csv.split("\n")[0]).toContain("action");
  for (const action of ["checklist.item_added", "decision.recorded", "flag.changed", "checklist.item_ticked", "stage.completed"]) expect(csv).toContain(action);

  await signInAs(page, admin);
  await page.goto(`/releases/${release.id}/audit`);
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Chain" })).toContainText("Chain OK", { timeout: 30_000 });
});

test("viewers read the audit trail but cannot verify the chain", async ({ page, makeUser, db }) => {
  const viewer = await makeUser("VIEWER");
  const release = await db.release.findFirstOrThrow({ where: { isDemo: true }, select: { id: true } });
  await signInAs(page, viewer);
  await page.goto(`/releases/${release.id}/audit`);
  await expect(page.getByRole("heading", { name: "Audit trail", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Verify chain" })).toHaveCount(0);
  expect((await page.request.post("/api/v1/audit/verify")).status()).toBe(403);
});

test("the audit log filters by release and action and exports exactly the filtered set", async ({ page, makeUser, db }) => {
  const [owner, backup, viewer] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("VIEWER")];
  const release = await makeLiveRelease(db, { decision: owner, backup, creator: owner });
  const { title } = await db.release.findUniqueOrThrow({ where: { id: release.id }, select: { title: true } });
  await signInAs(page, owner);
  for (const reason of ["Error rate flat", "Latency flat", "Backfill done"]) {
    expect((await page.request.post(`/api/v1/releases/${release.id}/decisions`, { data: { verdict: "GO", reason } })).status()).toBe(201);
  }
  expect((await page.request.post(`/api/v1/releases/${release.id}/decisions`, { data: { verdict: "STOP", reason: "Errors up" } })).status()).toBe(201);

  await signInAs(page, viewer);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.getByLabel("Release").selectOption({ label: title });
  await page.getByLabel("Action").selectOption("decision.recorded");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`release=${release.id}.*action=decision\\.recorded|action=decision\\.recorded.*release=${release.id}`));
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toContainText("called STOP: Errors up");
  await expect(rows.first()).toContainText(owner.name);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export JSON" }).click();
  const events = JSON.parse(readFileSync((await (await download).path())!, "utf8")) as {
    action: string;
    releaseId: string;
    actor: string;
    description: string;
  }[];
  expect(events.map((e) => e.description)).toEqual([
    "called GO: Error rate flat",
    "called GO: Latency flat",
    "called GO: Backfill done",
    "called STOP: Errors up",
  ]);
  expect(events.every((e) => e.action === "decision.recorded" && e.releaseId === release.id && e.actor === owner.name)).toBe(true);
});
