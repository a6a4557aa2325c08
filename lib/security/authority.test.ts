import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser, Role } from "@/lib/permissions";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import { updateStage } from "@/lib/releases/commands/stage";
import type { ReleaseStatus } from "@/lib/releases/status";
import { as } from "@/lib/testing/actions";
import { testDb } from "@/lib/testing/db";
import { detailsInput, fixtureRelease, releaseFingerprint } from "@/lib/testing/release-fixtures";

// Who may change the people and the flag of a release, by status (PRODUCT.md, "People and
// permissions"), tried with forged inputs by every role: the hole this closes let an operator make
// themselves decision owner of a release in progress and then turn its flag on.

type Who = "viewer" | "operator" | "stageOwner" | "decisionOwner" | "backup" | "admin";
type What = "decisionOwner" | "backup" | "stageOwner" | "flag" | "fourEyes";
type Expect = "allowed" | "needs_reason" | "forbidden" | "frozen" | "finished";
const WHO: Who[] = ["viewer", "operator", "stageOwner", "decisionOwner", "backup", "admin"];
const WHAT: What[] = ["decisionOwner", "backup", "stageOwner", "flag", "fourEyes"];
const STATUSES: ReleaseStatus[] = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];

// The rules as PRODUCT.md words them.
function expected(who: Who, what: What, status: ReleaseStatus): Expect {
  if (who === "viewer") return "forbidden";
  if (["COMPLETED", "ROLLED_BACK", "ABANDONED"].includes(status)) return "finished";
  if (status === "DRAFT") return "allowed";
  const live = status !== "READY";
  if (what === "flag") return live ? "frozen" : "allowed";
  if (live) return who === "admin" ? "needs_reason" : "forbidden";
  if (what === "stageOwner") return ["decisionOwner", "backup", "admin"].includes(who) ? "allowed" : "forbidden";
  return ["decisionOwner", "admin"].includes(who) ? "allowed" : "forbidden";
}

const ROLE: Record<Who, Role> = { viewer: "VIEWER", operator: "OPERATOR", stageOwner: "VIEWER", decisionOwner: "VIEWER", backup: "VIEWER", admin: "ADMIN" };
let users: Record<Who, CurrentUser>;
let newcomer: CurrentUser;

const makeUser = async (name: string, role: Role) =>
  testDb().user.create({ data: { email: `${randomUUID()}@test.switchback.test`, name, role }, select: { id: true, email: true, name: true, role: true } });

beforeAll(async () => {
  users = Object.fromEntries(await Promise.all(WHO.map(async (who) => [who, await makeUser(`Authority ${who}`, ROLE[who])] as const))) as Record<
    Who,
    CurrentUser
  >;
  newcomer = await makeUser("Newcomer", "OPERATOR");
});

type Release = Awaited<ReturnType<typeof fixtureRelease>>;

// One edit that changes exactly `what`, as a forged request would send it.
function edit(what: What, r: Release, reason?: string) {
  if (what === "stageOwner") {
    return {
      config: updateStage,
      input: {
        releaseId: r.id,
        stageId: r.stages[0]!.id,
        expectedVersion: r.version,
        ownerId: newcomer.id,
        sql: "",
        rollbackNote: "Turn the flag off.",
        exitCriteria: "",
        reassignReason: reason,
      },
    };
  }
  const input = detailsInput(r, {
    flagKey: what === "flag" ? `${r.flagKey}-moved` : r.flagKey,
    decisionOwnerId: what === "decisionOwner" ? newcomer.id : users.decisionOwner.id,
    backupOwnerId: what === "backup" ? newcomer.id : users.backup.id,
    fourEyes: what !== "fourEyes",
    reassignReason: reason,
  });
  return { config: updateReleaseDetails, input };
}

const cases = STATUSES.flatMap((status) => WHAT.flatMap((what) => WHO.map((who) => [status, what, who, expected(who, what, status)] as const)));

describe("who may change the people and the flag of a release", () => {
  it.each(cases)("on a release %s, changing %s as %s: %s", async (status, what, who, outcome) => {
    const r = await fixtureRelease(users.decisionOwner.id, status, { fourEyes: true, backupId: users.backup.id, stageOwnerId: users.stageOwner.id });
    const before = await releaseFingerprint(r.id);
    const { config, input } = edit(what, r);
    const result = await as(users[who])(config as typeof updateReleaseDetails, input);

    if (outcome === "allowed") {
      expect(result).toMatchObject({ ok: true });
      expect(await releaseFingerprint(r.id)).not.toBe(before);
      return;
    }
    const code = { forbidden: "FORBIDDEN", frozen: "CONFLICT", finished: "CONFLICT", needs_reason: "INVALID" }[outcome];
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(await releaseFingerprint(r.id)).toBe(before);
    if (outcome !== "needs_reason") return;

    // An admin may reassign during the deploy with a written reason, which the audit keeps.
    expect(result.ok || result.error.fieldErrors?.reassignReason).toBeTruthy();
    const again = edit(what, r, "Lena is off sick; Tom takes over");
    expect(await as(users[who])(again.config as typeof updateReleaseDetails, again.input)).toMatchObject({ ok: true });
    const event = await testDb().auditEvent.findFirst({ where: { releaseId: r.id, actorId: users[who].id }, orderBy: { id: "desc" }, select: { after: true } });
    expect(event?.after).toMatchObject({ reassignReason: "Lena is off sick; Tom takes over" });
  });
});
