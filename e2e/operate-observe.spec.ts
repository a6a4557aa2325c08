import { makeLiveRelease } from "./live-release";
import { expect, signInAs, test } from "./fixtures";

// Switchback's own signals on the running app (npm start): /metrics from this machine, readiness,
// and the request id that ties an error a person sees to the log.

const APPLIED = 'switchback_flips_total{outcome="applied"}';
const applied = (text: string) =>
  Number(
    text
      .split("\n")
      .find((line) => line.startsWith(`${APPLIED} `))
      ?.slice(APPLIED.length + 1) ?? 0,
  );

test("an operator's scrape of /metrics from loopback counts a flip made through the API", async ({ page, request, makeUser, db }) => {
  const [owner, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup: operator, creator: owner }, { flagOn: true });

  const before = await request.get("/metrics");
  expect(before.status()).toBe(200);
  expect(before.headers()["content-type"]).toMatch(/^text\/plain/);
  const beforeText = await before.text();
  expect(beforeText).toMatch(/^switchback_leader\{loop="switchback-auto-stop"\} [01]$/m);
  expect(beforeText).toMatch(/^switchback_db_pool_connections\{state="max"\} \d+$/m);

  await signInAs(page, operator);
  const flip = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true } });
  expect(flip.status()).toBe(200);

  // Other tests flip at the same time: at least this one is counted.
  const after = await (await request.get("/metrics")).text();
  expect(applied(after)).toBeGreaterThanOrEqual(applied(beforeText) + 1);
  expect(after).toMatch(/^switchback_http_request_duration_seconds_count\{route="\/api\/v1\/releases\/\[id\]\/flag\/off",status_class="2xx"\} [1-9]\d*$/m);
});

test("the app says it is ready once its database answers and every migration is applied", async ({ request }) => {
  const ready = await request.get("/api/v1/ready");
  expect(ready.status()).toBe(200);
  const body = await ready.json();
  expect(body).toEqual({ status: "ready", migrations: { applied: expect.any(Number), expected: expect.any(Number) } });
  expect(body.migrations.applied).toBe(body.migrations.expected);
});

test("an API error carries the request id of its X-Request-Id header, whether sent or made", async ({ page, makeUser, db }) => {
  const [owner, operator] = [await makeUser("OPERATOR"), await makeUser("OPERATOR")];
  const release = await makeLiveRelease(db, { decision: owner, backup: operator, creator: owner });
  await db.flag.create({ data: { key: release.flagKey, environment: "production", enabled: false } });
  await signInAs(page, operator);

  // The flag is already off: a conflict, answered as JSON with the id.
  const made = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true } });
  expect(made.status()).toBe(409);
  const madeId = made.headers()["x-request-id"];
  expect(madeId).toMatch(/^[0-9a-f-]{36}$/);
  expect((await made.json()).error).toMatchObject({ code: "CONFLICT", requestId: madeId });

  const sent = await page.request.post(`/api/v1/releases/${release.id}/flag/off`, { data: { expected: true }, headers: { "X-Request-Id": "pipeline-run-77" } });
  expect(sent.headers()["x-request-id"]).toBe("pipeline-run-77");
  expect((await sent.json()).error).toMatchObject({ code: "CONFLICT", requestId: "pipeline-run-77" });
});
