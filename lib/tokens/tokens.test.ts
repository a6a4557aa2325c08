import { describe, expect, it } from "vitest";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { authenticate } from "@/lib/flags/ofrep/ofrep";
import { evaluateAll } from "@/lib/flags/ofrep/routes";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { createToken } from "@/lib/tokens/commands";
import { forgetCachedTokens } from "@/lib/tokens/token-cache";
import { verifyBearer } from "@/lib/tokens/tokens";

const DAY = 24 * 60 * 60 * 1000;

async function newToken(input: Record<string, unknown>) {
  const admin = await createUser("ADMIN");
  const created = ok(await as(admin)(createToken, { name: "ci job", ...input }));
  const row = await testDb().apiToken.findUniqueOrThrow({ where: { id: created.id }, select: { expiresAt: true } });
  // Moving expiry into the past by hand is not how time passes: the read-token cache (token-cache.ts)
  // still holds the old date, so it is dropped too.
  const expire = async () => {
    await testDb().$executeRaw`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${created.id}::uuid`;
    forgetCachedTokens();
  };
  return { ...created, expiresAt: row.expiresAt, expire };
}

describe("API tokens expire", () => {
  it("last 90 days unless another term is chosen at creation", async () => {
    const standard = await newToken({ kind: "FLAG_READ" });
    expect(Math.round((standard.expiresAt.getTime() - Date.now()) / DAY)).toBe(90);
    const week = await newToken({ kind: "FLAG_READ", expiresInDays: "7" });
    expect(Math.round((week.expiresAt.getTime() - Date.now()) / DAY)).toBe(7);
    const refused = await as(await createUser("ADMIN"))(createToken, { name: "odd", kind: "FLAG_READ", expiresInDays: "3650" });
    expect(refused.ok || refused.error.fieldErrors).toHaveProperty("expiresInDays");
  });

  it("refuses an expired read token, saying it expired", async () => {
    const token = await newToken({ kind: "FLAG_READ" });
    const headers = new Headers({ authorization: `Bearer ${token.secret}` });
    expect(await authenticate(testDb(), headers)).toMatchObject({ releaseId: null, keys: null });
    await token.expire();
    await expect(verifyBearer(testDb(), `Bearer ${token.secret}`, "FLAG_READ")).rejects.toThrow(/expired/);
    expect(await authenticate(testDb(), headers)).toEqual({ refused: expect.stringMatching(/^This token expired on /) });
  });

  it("answers OFREP and push calls with an expired token 401 and a message that says it expired", async () => {
    const read = await newToken({ kind: "FLAG_READ" });
    await read.expire();
    const response = await evaluateAll(
      new Request("http://localhost/ofrep/v1/evaluate/flags", { method: "POST", headers: { authorization: `Bearer ${read.secret}` }, body: "{}" }),
    );
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errorDetails: string }).errorDetails).toMatch(/expired on/);

    const release = await fixtureRelease((await createUser("OPERATOR")).id, "IN_PROGRESS");
    const push = await newToken({ kind: "SIGNAL_PUSH", releaseId: release.id });
    await push.expire();
    const refusal = await verifyBearer(testDb(), `Bearer ${push.secret}`, "SIGNAL_PUSH").catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect(HTTP_STATUS[(refusal as AppError).code]).toBe(401);
  });
});
