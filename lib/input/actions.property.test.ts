import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/action";
import { as } from "@/lib/testing/actions";
import { ALL_ACTIONS } from "@/lib/testing/all-actions";
import { testDb } from "@/lib/testing/db";
import { buildInput, fieldsOf, hostileInput, sampleOf, type HostileInput } from "@/lib/testing/hostile";
import { readReleasePages } from "@/lib/testing/page-reads";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import type { CurrentUser } from "@/lib/permissions";

// Issue 9: every server action (discovered: a new one is covered by itself), run through the real
// wrapper by an admin who is also the decision owner, with random and hostile values in every
// field. Never an INTERNAL error (a 500), and never a saved row that makes a release page fail.

const RUNS = 15;

type Fixture = Awaited<ReturnType<typeof fixtureRelease>>;

const admin = (): Promise<CurrentUser> =>
  testDb().user.create({
    data: { email: `${randomUUID()}@test.switchback.test`, name: "Property tester", role: "ADMIN" },
    select: { id: true, email: true, name: true, role: true },
  });

// Plausible values for the fields that point into the fixture; anything else from its schema.
async function plausible(name: string, schemaValue: () => unknown, user: CurrentUser, release: Fixture): Promise<unknown> {
  const stage = release.stages[0]!;
  const ids: Record<string, unknown> = {
    releaseId: release.id,
    stageId: stage.id,
    itemId: stage.checklistItems[0]!.id,
    stepId: release.runbookSteps[0]!.id,
    criterionId: release.criterionId,
    ownerId: user.id,
    assigneeId: user.id,
    decisionOwnerId: user.id,
    expectedAssigneeId: user.id,
    backupOwnerId: release.backupId,
    flagKey: release.flagKey,
    expectedText: stage.checklistItems[0]!.text,
    title: "Hostile run",
  };
  if (name === "expectedVersion") return (await testDb().release.findUniqueOrThrow({ where: { id: release.id }, select: { version: true } })).version;
  return name in ids ? ids[name] : schemaValue();
}

// Short enough to read in a failure report: a 1 MB string or a lone surrogate shown as escapes.
const describeInput = (input: unknown) =>
  JSON.stringify(input, (_key, value) =>
    typeof value === "bigint" ? `${value}n` : typeof value === "string" && value.length > 60 ? `${value.slice(0, 60)}…(${value.length})` : value,
  )?.replace(/[\u0000\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

describe("every server action with hostile input", () => {
  it.each(ALL_ACTIONS.map((a) => [a.name, a] as const))("%s: never a 500, never an unreadable release", async (name, config) => {
    const user = await admin();
    // A plan being edited and a deploy under way (demo, so the demo controls work too).
    const releases = [await fixtureRelease(user.id, "DRAFT"), await fixtureRelease(user.id, "IN_PROGRESS", { isDemo: true })];
    const fields = fieldsOf(config.input);
    let refusedAs: string | null = null;

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(0, 1), hostileInput(Object.keys(fields)), async (which, hostile: HostileInput) => {
        const release = releases[which]!;
        const values = new Map<string, unknown>();
        for (const field of Object.keys(hostile.fields)) values.set(field, await plausible(field, () => sampleOf(field, fields[field]!), user, release));
        const input = buildInput(hostile, (field) => values.get(field));
        const result = (await as(user)(config, input)) as ActionResult<unknown>;
        // Webhooks created here must not receive other tests' events.
        await testDb().webhook.updateMany({ where: { createdById: user.id, enabled: true }, data: { enabled: false } });
        if (!result.ok && result.error.code === "INTERNAL") {
          refusedAs = `${name} answered INTERNAL for ${describeInput(input)}`;
          return false;
        }
        // A refused input saves nothing: the parse comes before the transaction.
        if (!result.ok && result.error.code === "INVALID") return true;
        const created =
          result.ok && typeof result.data === "object" && result.data && "id" in result.data && name === "release.create" ? String(result.data.id) : null;
        for (const id of [release.id, ...(created ? [created] : [])]) {
          try {
            await readReleasePages(user, id);
          } catch (error) {
            refusedAs = `after ${name} with ${describeInput(input)} the release pages fail: ${(error as Error).message}`;
            return false;
          }
        }
        return true;
      }),
      { numRuns: RUNS, endOnFailure: true, reporter: (details) => void (details.failed && expect.fail(refusedAs ?? String(details.errorInstance))) },
    );
  });
});
