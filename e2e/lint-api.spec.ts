import { expect, signInAs, test } from "./fixtures";

// The risk-check route, as the plan page calls it: bad SQL is a finding, never a 500.

test("the risk check answers findings with lines, clear errors for bad requests, and needs a session", async ({ page, playwright, makeUser, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  const refused = await anonymous.post("/api/v1/lint", { data: { stage: "EXPAND", sql: "SELECT 1;" } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String), requestId: expect.any(String) } });
  await anonymous.dispose();

  await signInAs(page, await makeUser("VIEWER"));
  const api = page.request;

  const drop = await api.post("/api/v1/lint", { data: { stage: "EXPAND", sql: "SET lock_timeout = '2s';\n\nALTER TABLE users DROP COLUMN full_name;" } });
  expect(drop.status()).toBe(200);
  const body = await drop.json();
  expect(body.findings).toEqual([expect.objectContaining({ rule: "drop-column", line: 3, severity: "error" })]);

  const broken = await api.post("/api/v1/lint", { data: { stage: "MIGRATE", sql: "SELECT 1;\nUPDATE users SET x = 1;\nALTER TABLE users DROPP COLUMN x;" } });
  expect(broken.status()).toBe(200);
  const brokenBody = await broken.json();
  expect(brokenBody.findings).toEqual([
    expect.objectContaining({ rule: "syntax-error", line: 3, severity: "error", message: expect.stringMatching(/^Line 3 does not parse/) }),
  ]);

  const badStage = await api.post("/api/v1/lint", { data: { stage: "DEPLOY", sql: "SELECT 1;" } });
  expect(badStage.status()).toBe(400);
  expect((await badStage.json()).error).toMatchObject({ code: "INVALID", fieldErrors: { stage: [expect.any(String)] } });

  const huge = await api.post("/api/v1/lint", { data: { stage: "EXPAND", sql: "SELECT 1;\n".repeat(150_000) } });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error.code).toBe("TOO_LARGE");
});
