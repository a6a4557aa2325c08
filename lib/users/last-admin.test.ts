import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import { as, ok } from "@/lib/testing/actions";
import { openScratchDb } from "@/lib/testing/db";
import { changeRole, setUserDisabled } from "@/lib/users/commands";

// Switchback keeps at least one active admin. The shared test database holds admins of every
// other test, so this runs the real actions on a database of its own: the process's one client
// (lib/db.ts) is pointed at it for this file, which vitest runs in a process of its own.

const cache = globalThis as unknown as { switchbackDb?: Db };
let scratch: Awaited<ReturnType<typeof openScratchDb>>;
let shared: Db | undefined;

beforeAll(async () => {
  scratch = await openScratchDb();
  shared = cache.switchbackDb;
  cache.switchbackDb = scratch.db;
});
afterAll(async () => {
  cache.switchbackDb = shared;
  await scratch.drop();
});

const user = (role: CurrentUser["role"], name: string): Promise<CurrentUser> =>
  scratch.db.user.create({ data: { email: `${name}@last-admin.test`, name, role }, select: { id: true, email: true, name: true, role: true } });

describe("the last active admin", () => {
  it("cannot demote themselves; once another admin exists they can, and the other then cannot", async () => {
    const first = await user("ADMIN", "first");
    const refused = await as(first)(changeRole, { userId: first.id, role: "OPERATOR" });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringMatching(/last active admin/) } });
    expect(await scratch.db.user.findUniqueOrThrow({ where: { id: first.id }, select: { role: true } })).toEqual({ role: "ADMIN" });

    const second = await user("OPERATOR", "second");
    ok(await as(first)(changeRole, { userId: second.id, role: "ADMIN" }));
    ok(await as(first)(changeRole, { userId: first.id, role: "VIEWER" }));
    expect(await as({ ...second, role: "ADMIN" })(changeRole, { userId: second.id, role: "VIEWER" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("does not count a disabled admin as one who remains", async () => {
    const active = await user("ADMIN", "active");
    const dormant = await user("ADMIN", "dormant");
    ok(await as(active)(setUserDisabled, { userId: dormant.id, disabled: true }));
    await scratch.db.user.updateMany({ where: { id: { notIn: [active.id, dormant.id] } }, data: { role: "VIEWER" } });
    expect(await as(active)(changeRole, { userId: active.id, role: "OPERATOR" })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });
});
