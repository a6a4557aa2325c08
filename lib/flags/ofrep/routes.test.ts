import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { evaluateAll, evaluateOne } from "@/lib/flags/ofrep/routes";
import { createUser, testDb } from "@/lib/testing/db";
import { storeToken } from "@/lib/tokens/tokens";

// OFREP's own error shape (open-feature/protocol service/openapi.yaml): a bad request is 400 with
// `errorCode` PARSE_ERROR or INVALID_CONTEXT and `errorDetails`; the single-flag form adds `key`.

async function flagAndToken() {
  const key = `ofrep-${randomUUID().slice(0, 8)}`;
  await testDb().flag.create({ data: { key, environment: "production", enabled: true } });
  const admin = await createUser("ADMIN");
  const { secret } = await testDb().$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: "sdk", releaseId: null, createdById: admin.id }));
  return { key, secret };
}

const request = (path: string, secret: string, body: string) =>
  new Request(`http://switchback.test${path}`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body });

describe("OFREP evaluation requests", () => {
  it("answer malformed JSON with 400 PARSE_ERROR rather than evaluating in the default environment", async () => {
    const { key, secret } = await flagAndToken();
    const one = await evaluateOne(request(`/ofrep/v1/evaluate/flags/${key}`, secret, '{"context": {"environment": "production"'), key);
    expect(one.status).toBe(400);
    expect(await one.json()).toEqual({ key, errorCode: "PARSE_ERROR", errorDetails: expect.stringMatching(/JSON/) });
    const all = await evaluateAll(request("/ofrep/v1/evaluate/flags", secret, "context=production"));
    expect(all.status).toBe(400);
    expect(await all.json()).toEqual({ errorCode: "PARSE_ERROR", errorDetails: expect.stringMatching(/JSON/) });
  });

  it("answer a body that is JSON but not an object, or a context that is not an object, with 400 INVALID_CONTEXT", async () => {
    const { key, secret } = await flagAndToken();
    for (const body of ["[]", '"production"', "42", "null", '{"context": []}', '{"context": "production"}']) {
      const response = await evaluateOne(request(`/ofrep/v1/evaluate/flags/${key}`, secret, body), key);
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ key, errorCode: "INVALID_CONTEXT" });
    }
  });

  it("refuse a body over 64 KB with 413, whether or not it declares its length", async () => {
    const { key, secret } = await flagAndToken();
    const big = JSON.stringify({ context: { environment: "production", padding: "x".repeat(70 * 1024) } });
    const response = await evaluateAll(request("/ofrep/v1/evaluate/flags", secret, big));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errorCode: "GENERAL", errorDetails: expect.stringMatching(/64 KB/) });
    const declared = new Request("http://switchback.test/ofrep/v1/evaluate/flags", {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-length": String(200 * 1024) },
      body: "{}",
    });
    expect((await evaluateOne(declared, key)).status).toBe(413);
  });

  it("still evaluate a well-formed request, and an empty body as the default environment", async () => {
    const { key, secret } = await flagAndToken();
    const response = await evaluateOne(
      request(`/ofrep/v1/evaluate/flags/${key}`, secret, JSON.stringify({ context: { targetingKey: "u-1", environment: "production" } })),
      key,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ key, value: true, reason: "STATIC" });
    expect((await evaluateOne(request(`/ofrep/v1/evaluate/flags/${key}`, secret, ""), key)).status).toBe(200);
  });
});
