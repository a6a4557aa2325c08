import { describe, expect, it } from "vitest";
import { editChecklistItem, tickChecklistItem } from "@/lib/releases/commands/checklist";
import { createRelease } from "@/lib/releases/commands/create-release";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

const SLICE = "The canary slice is small and named (e.g. 5 % of traffic)";
const BOTH_VERSIONS = "Old and new app versions both read and write every row the migration touches";
const DUAL_WRITE = "Dual-write covers rows written by old instances mid-rollout";
const ROLLING_PROOF = "Proof: the rollout has finished and no instance runs the old version";

async function checklist(releaseId: string) {
  const stages = await testDb().stage.findMany({
    where: { releaseId },
    orderBy: { position: "asc" },
    select: { kind: true, checklistItems: { orderBy: { position: "asc" }, select: { id: true, text: true, done: true, isProof: true, position: true } } },
  });
  return Object.fromEntries(stages.map((s) => [s.kind, s.checklistItems])) as Record<
    "EXPAND" | "MIGRATE" | "CONTRACT",
    (typeof stages)[number]["checklistItems"]
  >;
}

async function release(input: Record<string, unknown> = {}) {
  const operator = await createUser("OPERATOR");
  const { id } = ok(await as(operator)(createRelease, { title: "Split users.full_name", ...input }));
  const { version } = await testDb().release.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return { operator, id, version };
}

const details = (releaseId: string, expectedVersion: number, deployStyle: string) => ({
  releaseId,
  expectedVersion,
  title: "Split users.full_name",
  service: "",
  summary: "",
  deployStyle,
  flagProvider: "BUILTIN",
  flagKey: "",
  flagEnvironment: "production",
  autoStopAfter: 3,
});

describe("a new release's checklists", () => {
  it("are rolling's when no style is chosen", async () => {
    const { id } = await release();
    const items = await checklist(id);
    expect(items.EXPAND.map((i) => i.text)).toContain(BOTH_VERSIONS);
    expect(items.MIGRATE.map((i) => i.text)).not.toContain(SLICE);
    expect((await testDb().release.findUniqueOrThrow({ where: { id } })).deployStyle).toBe("ROLLING");
  });

  it("follow the chosen style, its proof item counted as proof", async () => {
    const { id } = await release({ deployStyle: "CANARY" });
    const items = await checklist(id);
    expect(items.MIGRATE.map((i) => i.text)).toContain(SLICE);
    expect(items.EXPAND.map((i) => i.text)).not.toContain(BOTH_VERSIONS);
    expect(items.CONTRACT.find((i) => i.text.startsWith("Proof: the canary"))?.isProof).toBe(true);
  });

  it("of a copy switch to the chosen style", async () => {
    const source = await release({ deployStyle: "BLUE_GREEN" });
    const { id } = ok(await as(source.operator)(createRelease, { title: "Copy", from: source.id, deployStyle: "CANARY" }));
    const texts = Object.values(await checklist(id))
      .flat()
      .map((i) => i.text);
    expect(texts).toContain(SLICE);
    expect(texts.some((t) => t.includes("blue"))).toBe(false);
  });
});

describe("changing a draft's deploy style", () => {
  it("swaps the old style's untouched items for the new style's, in the same audit event", async () => {
    const { operator, id, version } = await release();
    const before = await checklist(id);
    const dualWrite = before.MIGRATE.find((i) => i.text === DUAL_WRITE)!;
    const bothVersions = before.EXPAND.find((i) => i.text === BOTH_VERSIONS)!;
    const rollingProof = before.CONTRACT.find((i) => i.text === ROLLING_PROOF)!;
    ok(await as(operator)(tickChecklistItem, { releaseId: id, itemId: dualWrite.id, done: true }));
    ok(
      await as(operator)(editChecklistItem, {
        releaseId: id,
        itemId: bothVersions.id,
        text: "Both versions read and write users rows",
        expectedText: BOTH_VERSIONS,
      }),
    );

    ok(await as(operator)(updateReleaseDetails, details(id, version, "CANARY")));

    const after = await checklist(id);
    const ids = Object.values(after)
      .flat()
      .map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([dualWrite.id, bothVersions.id]));
    expect(ids).not.toContain(rollingProof.id);
    expect(after.MIGRATE.map((i) => i.text)).toEqual([
      ...before.MIGRATE.map((i) => i.text),
      SLICE,
      "New writes from the canary are checked for divergence before widening",
    ]);
    expect(after.MIGRATE.map((i) => i.position)).toEqual(after.MIGRATE.map((_, i) => i));

    const events = await testDb().auditEvent.findMany({ where: { releaseId: id, action: "release.updated" }, select: { before: true, after: true } });
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toEqual({ deployStyle: "ROLLING" });
    expect(events[0]!.after).toMatchObject({
      deployStyle: "CANARY",
      checklistRemoved: [{ stage: "CONTRACT", itemId: rollingProof.id, text: ROLLING_PROOF }],
      checklistAdded: expect.arrayContaining([expect.objectContaining({ stage: "MIGRATE", text: SLICE })]),
    });
    expect((events[0]!.after as { checklistAdded: unknown[] }).checklistAdded).toHaveLength(3);
  });

  it("does not add an item the plan already has, and leaves checklists alone when the style stays", async () => {
    const { operator, id, version } = await release();
    const dualWrite = (await checklist(id)).MIGRATE.find((i) => i.text === DUAL_WRITE)!;
    ok(await as(operator)(tickChecklistItem, { releaseId: id, itemId: dualWrite.id, done: true }));
    ok(await as(operator)(updateReleaseDetails, details(id, version, "CANARY")));
    ok(await as(operator)(updateReleaseDetails, details(id, version + 1, "ROLLING")));
    const once = await checklist(id);
    const { id: fresh } = await release();
    expect(
      Object.values(once)
        .flat()
        .map((i) => i.text)
        .sort(),
    ).toEqual(
      Object.values(await checklist(fresh))
        .flat()
        .map((i) => i.text)
        .sort(),
    );

    ok(await as(operator)(updateReleaseDetails, { ...details(id, version + 2, "ROLLING"), service: "accounts" }));
    expect(await checklist(id)).toEqual(once);
  });

  it("leaves the checklists alone once the deploy has started", async () => {
    const { operator, id, version } = await release();
    await testDb().release.update({ where: { id }, data: { status: "IN_PROGRESS" } });
    const before = await checklist(id);
    ok(await as(operator)(updateReleaseDetails, details(id, version, "CANARY")));
    expect(await checklist(id)).toEqual(before);
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { releaseId: id, action: "release.updated" }, select: { after: true } });
    expect(event.after).toEqual({ deployStyle: "CANARY" });
  });
});
