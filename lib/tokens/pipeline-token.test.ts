import { describe, expect, it } from "vitest";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { createToken } from "@/lib/tokens/commands";

// An admin makes a pipeline token with the scopes they chose, bound to one release or to every
// release of one service; anything less precise is refused on the field that needs fixing.

async function create(input: Record<string, unknown>) {
  const admin = await createUser("ADMIN");
  return as(admin)(createToken, { name: "deploy pipeline", kind: "PIPELINE", ...input });
}

describe("creating a pipeline token", () => {
  it("keeps the chosen scopes for one release, in their canonical order, and audits them", async () => {
    const admin = await createUser("ADMIN");
    const release = await fixtureRelease(admin.id, "DRAFT");
    const created = ok(await as(admin)(createToken, { name: "ci", kind: "PIPELINE", releaseId: release.id, scopes: ["gate", "read"] }));
    expect(created).toMatchObject({ kind: "PIPELINE", releaseId: release.id, service: null, scopes: ["read", "gate"], secret: expect.stringMatching(/^sbc_/) });
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "token.created", after: { path: ["tokenId"], equals: created.id } } });
    expect(event).toMatchObject({ releaseId: release.id, after: { kind: "PIPELINE", scopes: ["read", "gate"], service: null } });
  });

  it("covers a service by name, trimmed, even before it has a release; a single ticked box is one scope", async () => {
    const service = `  billing-${Date.now()}  `;
    const created = ok(await create({ service, scopes: "deploy" }));
    expect(created).toMatchObject({ releaseId: null, service: service.trim(), scopes: ["deploy"] });
    const event = await testDb().auditEvent.findFirstOrThrow({ where: { action: "token.created", after: { path: ["tokenId"], equals: created.id } } });
    expect(event.after).toMatchObject({ scopes: ["deploy"], service: service.trim() });
  });

  it("refuses no scope, an unknown scope, and neither release nor service, each on its field", async () => {
    expect(await create({ service: "billing" })).toMatchObject({
      ok: false,
      error: { code: "INVALID", fieldErrors: { scopes: [expect.stringMatching(/at least one scope/)] } },
    });
    expect(await create({ service: "billing", scopes: ["read", "admin"] })).toMatchObject({
      ok: false,
      error: { fieldErrors: { scopes: [expect.stringMatching(/^Choose among/)] } },
    });
    const neither = await create({ scopes: ["read"], releaseId: "", service: "   " });
    expect(neither).toMatchObject({
      ok: false,
      error: {
        fieldErrors: {
          releaseId: ["Choose the release this token covers, or cover a service instead"],
          service: ["Name the service this token covers, or choose one release instead"],
        },
      },
    });
  });

  it("refuses both a release and a service, and a service name too long", async () => {
    const admin = await createUser("ADMIN");
    const release = await fixtureRelease(admin.id, "DRAFT");
    const both = await as(admin)(createToken, { name: "ci", kind: "PIPELINE", scopes: ["read"], releaseId: release.id, service: "billing" });
    expect(both).toMatchObject({ ok: false, error: { fieldErrors: { service: ["Name a release or a service, not both"] } } });
    expect(await create({ scopes: ["read"], service: "x".repeat(201) })).toMatchObject({
      ok: false,
      error: { fieldErrors: { service: [expect.any(String)] } },
    });
  });

  it("is refused to a non-admin, and nothing is stored", async () => {
    const operator = await createUser("OPERATOR");
    const name = `sneaky ${Date.now()}`;
    const result = await as(operator)(createToken, { name, kind: "PIPELINE", scopes: ["read", "deploy"], service: "billing" });
    expect(result).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await testDb().apiToken.count({ where: { name } })).toBe(0);
  });

  it("leaves push and read tokens without scopes or service, as before", async () => {
    const created = ok(await create({ kind: "FLAG_READ", scopes: ["deploy"], service: "billing" }));
    expect(created).toMatchObject({ kind: "FLAG_READ", scopes: [], service: null });
  });
});
