import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/permissions";
import { createUser, testDb } from "@/lib/testing/db";
import type { TokenScope } from "@/lib/tokens/scopes";
import { storeToken, type TokenKind } from "@/lib/tokens/tokens";

// Who a pipeline is, as the v1 routes see it: a pipeline token answers for its scopes and covers
// its one release or its service's releases; any other token, or none that verifies, is told
// what to send instead; without a token, the signed-in person. The session lookup needs a Next.js
// request, so it stands in for whoever is signed in (as in lib/http/cookie-routes.test.ts).

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/session", () => ({ getCurrentUser: async () => signedIn, requireUser: async () => signedIn }));
const { apiPrincipal, assertCovers, listFilter } = await import("@/lib/api/v1/principal");

beforeEach(() => {
  signedIn = null;
});

async function token(kind: TokenKind, scopes: TokenScope[], cover: { releaseId?: string; service?: string }) {
  const creator = await createUser("ADMIN");
  const name = `ci ${randomUUID().slice(0, 8)}`;
  const { secret } = await testDb().$transaction((tx) =>
    storeToken(tx, { kind, name, releaseId: cover.releaseId ?? null, service: cover.service ?? null, createdById: creator.id, scopes }),
  );
  return { name, secret };
}

const releaseOf = async (service: string) =>
  testDb().release.create({ data: { title: `Principal ${randomUUID().slice(0, 8)}`, service }, select: { id: true, service: true } });

const request = (secret?: string) => new Request("http://switchback.test/api/v1/releases", { headers: secret ? { authorization: `Bearer ${secret}` } : {} });

describe("a pipeline token as the caller", () => {
  it("is named in the audit trail by its name and answers for the scopes it holds", async () => {
    const release = await releaseOf("accounts-api");
    const t = await token("PIPELINE", ["read", "gate"], { releaseId: release.id });
    expect(await apiPrincipal(request(t.secret), "gate")).toMatchObject({ kind: "token", actor: { type: "SYSTEM", label: `Pipeline token “${t.name}”` } });
    await expect(apiPrincipal(request(t.secret), "deploy")).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This token lacks the “deploy” scope; an admin can create one that has it under Settings → API tokens.",
    });
  });

  it("is refused as unauthenticated when it does not verify, saying what to send, even to a signed-in browser", async () => {
    signedIn = await createUser("ADMIN");
    await expect(apiPrincipal(request("sbc_not-a-real-secret"), "gate")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "Send a valid pipeline token: Authorization: Bearer sbc_…",
    });
    const release = await releaseOf("accounts-api");
    const push = await token("SIGNAL_PUSH", [], { releaseId: release.id });
    await expect(apiPrincipal(request(push.secret), "gate")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "This is a push token; this route needs a pipeline token (sbc_…) with the “gate” scope.",
    });
  });

  it("covers its own release only, or every release of its service and nothing else", async () => {
    const service = `billing-${randomUUID().slice(0, 6)}`;
    const [mine, sibling, foreign] = [await releaseOf(service), await releaseOf(service), await releaseOf("accounts-api")];

    const one = await apiPrincipal(request((await token("PIPELINE", ["gate"], { releaseId: mine.id })).secret), "gate");
    expect(() => assertCovers(one, mine)).not.toThrow();
    expect(() => assertCovers(one, sibling)).toThrow(expect.objectContaining({ code: "FORBIDDEN", message: "This token is for another release." }));
    expect(listFilter(one)).toEqual({ id: mine.id });

    const wide = await apiPrincipal(request((await token("PIPELINE", ["gate"], { service })).secret), "gate");
    expect(() => assertCovers(wide, mine)).not.toThrow();
    expect(() => assertCovers(wide, sibling)).not.toThrow();
    expect(() => assertCovers(wide, foreign)).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", message: `This token covers the service “${service}” only.` }),
    );
    expect(listFilter(wide)).toEqual({ service });
  });
});

describe("a person as the caller", () => {
  it("is answered when signed in, on every release, and asked to sign in otherwise", async () => {
    await expect(apiPrincipal(request(), "gate")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    signedIn = await createUser("VIEWER");
    const person = await apiPrincipal(request(), "gate");
    expect(person).toMatchObject({ kind: "user", actor: { type: "USER", id: signedIn.id, label: signedIn.name } });
    expect(() => assertCovers(person, { id: randomUUID(), service: "anything" })).not.toThrow();
    expect(listFilter(person)).toEqual({});
  });
});
