import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser, Role } from "@/lib/permissions";
import type { ReleaseStatus } from "@/lib/releases/status";
import { as } from "@/lib/testing/actions";
import { ALL_ACTIONS } from "@/lib/testing/all-actions";
import { testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { RELEASE_ROWS, WHO, type Fixture, type Who } from "@/lib/security/permission-rows";
import { GLOBAL_ROWS } from "@/lib/security/permission-rows-global";

// The permission table of PRODUCT.md, written on its own in permission-rows*.ts (not read from
// lib/permissions.ts), run against every action × every role × every release status through the
// real mutation path with forged inputs. An action without a row fails the test.

const STATUSES: ReleaseStatus[] = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];
const ACTIONS = { ...RELEASE_ROWS, ...GLOBAL_ROWS };

const ROLE: Record<Who, Role> = { viewer: "VIEWER", operator: "OPERATOR", stageOwner: "VIEWER", decisionOwner: "VIEWER", backup: "VIEWER", admin: "ADMIN" };
let users: Record<Who, CurrentUser>;

beforeAll(async () => {
  const entries = await Promise.all(
    WHO.map(async (who) => {
      const email = `matrix-${who}-${randomUUID()}@test.switchback.test`;
      const user = await testDb().user.create({
        data: { email, name: `Matrix ${who}`, role: ROLE[who] },
        select: { id: true, email: true, name: true, role: true },
      });
      return [who, user] as const;
    }),
  );
  users = Object.fromEntries(entries) as Record<Who, CurrentUser>;
});

// A release in the given status where each per-release role is held by a user whose global role
// is viewer: whatever they may do there comes from the release alone.
async function fixture(status: ReleaseStatus, isDemo: boolean): Promise<Fixture> {
  const r = await fixtureRelease(users.decisionOwner.id, status, {
    isDemo,
    fourEyes: true,
    backupId: users.backup.id,
    stageOwnerId: users.stageOwner.id,
    activeStageDone: true,
  });
  await testDb().$executeRawUnsafe("UPDATE flags SET enabled = false WHERE key = $1", r.flagKey);
  const request = await testDb().flagOnRequest.create({
    data: { releaseId: r.id, requestedById: users.decisionOwner.id, expiresAt: new Date(Date.now() + 600_000) },
    select: { id: true },
  });
  return { ...r, requestId: request.id };
}

const names = ALL_ACTIONS.map((a) => a.name);

describe("the permission matrix", () => {
  it("has a row of PRODUCT.md's table for every action", () => {
    expect(names.filter((name) => !ACTIONS[name])).toEqual([]);
  });

  const cases: [string, ReleaseStatus | "any"][] = ALL_ACTIONS.flatMap((config) =>
    ACTIONS[config.name]?.global ? [[config.name, "any"]] : STATUSES.map((s) => [config.name, s]),
  ) as [string, ReleaseStatus | "any"][];

  it.each(cases)("%s on a release %s: only the table's roles get past the permission check", async (name, status) => {
    const config = ALL_ACTIONS.find((a) => a.name === name)!;
    const row = ACTIONS[name]!;
    const r = await fixture(status === "any" ? "DRAFT" : status, name === "demo.regression");
    const outcome: Record<string, string> = {};
    // Refused roles first: a refusal must change nothing, so the allowed roles still act on the
    // release as it was made.
    for (const who of [...WHO].sort((a, b) => Number(row.who.includes(a)) - Number(row.who.includes(b)))) {
      const result = await as(users[who])(config, await row.input(r, users[who], users));
      outcome[who] = result.ok ? "ok" : result.error.code;
    }
    const refused = Object.fromEntries(WHO.map((who) => [who, outcome[who] === "FORBIDDEN"]));
    expect(refused).toEqual(Object.fromEntries(WHO.map((who) => [who, !row.who.includes(who)])));
    expect(Object.values(outcome)).not.toContain("INTERNAL");
  });
});
