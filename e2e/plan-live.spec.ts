import { expect, signInAs, test } from "./fixtures";

// The plan keeps its bearings and stays current: a sticky summary with readiness and the next
// action, section links, the release's title in the tab, and another editor's change shown live.
test("the plan shows readiness and the next action, and another editor's change arrives without a reload", async ({ browser, page, makeUser }) => {
  const editor = await makeUser("OPERATOR");
  const title = `Live plan ${editor.id.slice(0, 6)}`;
  await signInAs(page, editor);
  await page.getByRole("link", { name: "New release" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(`${title} · Release plan · Switchback`);
  await expect(page.getByText(/^Readiness \d+\/\d+$/)).toBeVisible();
  const next = page.getByRole("link", { name: /^Next: / });
  await expect(next).toHaveText("Next: assign stage owners");
  await page.getByRole("navigation", { name: "Plan sections" }).getByRole("link", { name: "Runbook" }).click();
  await expect(page).toHaveURL(/#runbook$/);

  const other = await (await browser.newContext()).newPage();
  await signInAs(other, await makeUser("VIEWER"));
  await other.goto(page.url().replace(/#.*$/, ""));
  await expect(other.getByText("● Live")).toBeVisible();

  const expand = page.getByRole("region", { name: "Expand", exact: true });
  await expand.getByRole("button", { name: "Edit Expand" }).click();
  await expand.getByLabel("Expand owner").selectOption({ label: editor.name });
  await expand.getByRole("button", { name: "Save Expand" }).click();
  await expect(other.getByRole("region", { name: "Expand", exact: true })).toContainText(editor.name);
});

test("a stage saved by two people: the second sees what the first changed and reapplies on top", async ({ browser, makeUser, db }) => {
  const [alice, bob] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await db.release.create({
    data: {
      title: `Stage conflict ${alice.id.slice(0, 6)}`,
      stages: {
        create: [
          { kind: "EXPAND", position: 0 },
          { kind: "MIGRATE", position: 1 },
          { kind: "CONTRACT", position: 2 },
        ],
      },
    },
    select: { id: true, stages: { where: { kind: "EXPAND" }, select: { id: true } } },
  });
  const [pageA, pageB] = await Promise.all([(await browser.newContext()).newPage(), (await browser.newContext()).newPage()]);
  await signInAs(pageA, alice);
  await signInAs(pageB, bob);
  for (const p of [pageA, pageB]) {
    await p.goto(`/releases/${release.id}`);
    await p.getByRole("region", { name: "Expand", exact: true }).getByRole("button", { name: "Edit Expand" }).click();
  }
  await pageA.getByLabel("Expand rollback note").fill("Leave the new column; nothing reads it yet.");
  await pageA.getByRole("button", { name: "Save Expand" }).click();
  await expect(pageA.getByRole("button", { name: "Edit Expand" })).toBeVisible();

  await pageB.getByLabel("Expand SQL").fill("ALTER TABLE users ADD COLUMN first_name text;");
  await pageB.getByRole("button", { name: "Save Expand" }).click();
  await expect(pageB.getByText("They changed Rollback note.")).toBeVisible();
  await pageB.getByRole("button", { name: "Reload and reapply" }).click();
  await expect(pageB.getByRole("button", { name: "Edit Expand" })).toBeVisible();
  expect(await db.stage.findUniqueOrThrow({ where: { id: release.stages[0]!.id }, select: { sql: true, rollbackNote: true } })).toEqual({
    sql: "ALTER TABLE users ADD COLUMN first_name text;",
    rollbackNote: "Leave the new column; nothing reads it yet.",
  });
});
