import { randomUUID } from "node:crypto";
import { expect, signInAs, test } from "./fixtures";

// Rollback drills on the plan page: a passing drill recorded after a failed one the same day is the
// one readiness counts, and "Remove" is offered only to whoever recorded a drill, or an admin.

test("the drill recorded last counts, and only its recorder or an admin may remove it", async ({ page, makeUser, db }) => {
  const [recorder, colleague, admin] = [await makeUser("OPERATOR"), await makeUser("OPERATOR"), await makeUser("ADMIN")];
  const flagKey = `drills-${randomUUID().slice(0, 12)}`;
  const release = await db.release.create({
    data: {
      title: `Drills ${flagKey}`,
      flagKey,
      decisionOwnerId: recorder.id,
      backupOwnerId: colleague.id,
      stages: { create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({ kind, position, ownerId: recorder.id })) },
    },
    select: { id: true },
  });

  await signInAs(page, recorder);
  await page.goto(`/releases/${release.id}`);
  const drills = page.getByRole("region", { name: "Rollback drills" });
  const readiness = page.getByRole("region", { name: "Readiness" });
  for (const result of ["Failed", "Passed"]) {
    await drills.getByRole("button", { name: "Record a drill" }).click();
    await drills.getByLabel("Result").selectOption({ label: result });
    await drills.getByLabel("Drill notes").fill(`${result} on staging`);
    await drills.getByRole("button", { name: "Record drill" }).click();
    await expect(drills.getByText(`${result} on staging`)).toBeVisible();
  }
  await expect(readiness).toContainText("Drill passed on");
  await expect(drills.getByRole("button", { name: /^Remove the drill of/ })).toHaveCount(2);

  await signInAs(page, colleague);
  await page.goto(`/releases/${release.id}`);
  await expect(drills.getByText("Passed on staging")).toBeVisible();
  await expect(drills.getByRole("button", { name: /^Remove/ })).toHaveCount(0);

  await signInAs(page, admin);
  await page.goto(`/releases/${release.id}`);
  await expect(drills.getByRole("button", { name: /^Remove the drill of/ })).toHaveCount(2);
  await drills
    .locator("li", { hasText: "Passed on staging" })
    .getByRole("button", { name: /^Remove the drill of/ })
    .click();
  await expect(drills.getByText("Passed on staging")).toHaveCount(0);
  await expect(readiness).toContainText("failed; record a passing one");
  expect(await db.auditEvent.count({ where: { releaseId: release.id, action: "drill.removed", actorId: admin.id } })).toBe(1);
});
