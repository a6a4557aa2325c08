import { describe, expect, it } from "vitest";
import { z } from "@/lib/input/zod";
import { runAction, type ActionConfig, type ActionRuntime } from "@/lib/action";
import type { CurrentUser } from "@/lib/permissions";
import { createUser, testDb } from "@/lib/testing/db";

// The mutation path exercised with a real release and a real database; only the session and
// path revalidation (Next.js request machinery) come from a runtime the test provides.

function runtimeFor(user: CurrentUser | null) {
  const revalidated: string[] = [];
  const runtime: ActionRuntime = { currentUser: async () => user, revalidate: (paths) => revalidated.push(...paths) };
  return { runtime, revalidated };
}

async function makeRelease(decisionOwnerId?: string) {
  return testDb().release.create({ data: { title: "Wrapper test", decisionOwnerId }, select: { id: true } });
}

const renameInput = z.object({ releaseId: z.uuid(), title: z.string().trim().min(1, "Give the release a title") });

const rename: ActionConfig<typeof renameInput, { title: string }> = {
  name: "test.rename",
  input: renameInput,
  permission: "plan.edit",
  target: (input) => ({ releaseId: input.releaseId }),
  async run({ tx, input, audit }) {
    const before = await tx.release.findUniqueOrThrow({ where: { id: input.releaseId }, select: { title: true } });
    const after = await tx.release.update({ where: { id: input.releaseId }, data: { title: input.title }, select: { title: true } });
    await audit({ action: "release.renamed", releaseId: input.releaseId, before, after });
    return after;
  },
  revalidate: (input) => [`/releases/${input.releaseId}`],
};

const events = (releaseId: string) =>
  testDb().auditEvent.findMany({ where: { releaseId }, select: { action: true, actorId: true, before: true, after: true } });
const title = async (id: string) => (await testDb().release.findUniqueOrThrow({ where: { id }, select: { title: true } })).title;

describe("the one mutation wrapper", () => {
  it("commits the change and its audit event together, then revalidates", async () => {
    const operator = await createUser("OPERATOR");
    const { id } = await makeRelease();
    const { runtime, revalidated } = runtimeFor(operator);
    const result = await runAction(rename, { releaseId: id, title: "Renamed" }, runtime);
    expect(result).toEqual({ ok: true, data: { title: "Renamed" } });
    expect(await title(id)).toBe("Renamed");
    expect(await events(id)).toEqual([{ action: "release.renamed", actorId: operator.id, before: { title: "Wrapper test" }, after: { title: "Renamed" } }]);
    expect(revalidated).toEqual([`/releases/${id}`]);
  });

  it("refuses an anonymous caller before anything else", async () => {
    const { id } = await makeRelease();
    const result = await runAction(rename, { releaseId: id, title: "x" }, runtimeFor(null).runtime);
    expect(result).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await title(id)).toBe("Wrapper test");
  });

  it("returns field errors for bad input and changes nothing", async () => {
    const { id } = await makeRelease();
    const result = await runAction(rename, { releaseId: id, title: "   " }, runtimeFor(await createUser("ADMIN")).runtime);
    expect(result).toEqual({
      ok: false,
      error: { code: "INVALID", message: "Some fields need attention.", fieldErrors: { title: ["Give the release a title"] } },
    });
    expect(await events(id)).toEqual([]);
  });

  it("checks the permission against the release: a viewer is refused, a viewer who is its decision owner is not", async () => {
    const viewer = await createUser("VIEWER");
    const other = await makeRelease();
    expect(await runAction(rename, { releaseId: other.id, title: "Forged" }, runtimeFor(viewer).runtime)).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
    expect(await title(other.id)).toBe("Wrapper test");

    const own = await makeRelease(viewer.id);
    expect(await runAction(rename, { releaseId: own.id, title: "Mine" }, runtimeFor(viewer).runtime)).toMatchObject({ ok: true });
  });

  it("says NOT_FOUND for a release that does not exist", async () => {
    const result = await runAction(rename, { releaseId: "00000000-0000-4000-8000-000000000000", title: "x" }, runtimeFor(await createUser("ADMIN")).runtime);
    expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("leaves neither the change nor its event when the action fails after changing", async () => {
    const { id } = await makeRelease();
    const failing = {
      ...rename,
      async run(ctx: Parameters<typeof rename.run>[0]) {
        await rename.run(ctx);
        throw new Error("disk on fire");
      },
    };
    const result = await runAction(failing, { releaseId: id, title: "Half done" }, runtimeFor(await createUser("OPERATOR")).runtime);
    expect(result).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(result.ok === false && result.error.message).not.toContain("disk on fire");
    expect(await title(id)).toBe("Wrapper test");
    expect(await events(id)).toEqual([]);
  });

  it("refuses to commit a change that recorded no audit event", async () => {
    const { id } = await makeRelease();
    const silent = {
      ...rename,
      async run({ tx, input }: Parameters<typeof rename.run>[0]) {
        return tx.release.update({ where: { id: input.releaseId }, data: { title: input.title }, select: { title: true } });
      },
    };
    const result = await runAction(silent, { releaseId: id, title: "Sneaky" }, runtimeFor(await createUser("OPERATOR")).runtime);
    expect(result.ok).toBe(false);
    expect(await title(id)).toBe("Wrapper test");
  });
});
