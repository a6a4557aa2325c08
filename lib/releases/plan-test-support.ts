import { createRelease } from "@/lib/releases/commands/create-release";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";

// For the plan tests in lib/releases/commands/ (plan-commands.test.ts, plan-conflicts.test.ts):
// a new plan made by an operator, and a full release-details input. Not named "*commands*" and
// kept out of commands/, so lib/testing/all-actions.ts does not take it for an action module.

export async function newRelease(title = "Add users.email_verified") {
  const operator = await createUser("OPERATOR");
  const { id } = ok(await as(operator)(createRelease, { title }));
  const release = await testDb().release.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      version: true,
      status: true,
      stages: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, checklistItems: { orderBy: { position: "asc" }, select: { id: true, text: true } } },
      },
    },
  });
  return { operator, release };
}

export const details = (releaseId: string, expectedVersion: number, extra: Record<string, unknown> = {}) => ({
  releaseId,
  expectedVersion,
  title: "Add users.email_verified",
  service: "accounts-api",
  summary: "",
  deployStyle: "ROLLING",
  flagProvider: "BUILTIN",
  flagKey: `email-verified-reads-${releaseId.slice(0, 8)}`,
  flagEnvironment: "production",
  autoStopAfter: 3,
  ...extra,
});
