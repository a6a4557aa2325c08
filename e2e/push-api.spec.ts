import { makeLiveRelease } from "./live-release";
import { expect, test } from "./fixtures";

test("the push API takes a batch with a release token and explains every refusal", async ({ request, db, makeUser }) => {
  const owner = await makeUser("OPERATOR");
  const [mine, other] = [
    await makeLiveRelease(db, { decision: owner, backup: await makeUser("OPERATOR"), creator: owner }),
    await makeLiveRelease(db, { decision: await makeUser("OPERATOR"), backup: owner, creator: owner }),
  ];
  const post = (releaseId: string, token: string | null, data: unknown) =>
    request.post(`/api/v1/releases/${releaseId}/signals`, { headers: token ? { Authorization: `Bearer ${token}` } : {}, data });

  const ok = await post(mine.id, mine.token, {
    samples: [
      { signal: "error_rate", value: 0.7, at: new Date().toISOString() },
      { signal: "error_rate", value: 0.8 },
    ],
  });
  expect(ok.status()).toBe(202);
  expect(await ok.json()).toEqual({ accepted: 2 });
  expect(await db.signalSample.count({ where: { signal: { releaseId: mine.id } } })).toBe(2);

  const noToken = await post(mine.id, null, [{ signal: "error_rate", value: 1 }]);
  expect(noToken.status()).toBe(401);
  const wrongToken = await post(mine.id, "sbp_not-a-real-token", [{ signal: "error_rate", value: 1 }]);
  expect(wrongToken.status()).toBe(401);
  expect((await wrongToken.json()).error.code).toBe("UNAUTHENTICATED");

  const otherRelease = await post(other.id, mine.token, [{ signal: "error_rate", value: 1 }]);
  expect(otherRelease.status()).toBe(403);
  expect((await otherRelease.json()).error).toEqual({
    code: "FORBIDDEN",
    message: "This token is for another release.",
    requestId: otherRelease.headers()["x-request-id"],
  });

  const badValue = await post(mine.id, mine.token, [{ signal: "error_rate", value: "high" }]);
  expect(badValue.status()).toBe(400);
  expect((await badValue.json()).error.fieldErrors).toEqual({ "0.value": ["must be a number"] });

  const unknown = await post(mine.id, mine.token, [
    { signal: "error_rate", value: 1 },
    { signal: "eror_rate", value: 1 },
  ]);
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.fieldErrors).toEqual({ "1.signal": ["is not a signal of this release: eror_rate (known: error_rate)"] });

  const oversized = await post(
    mine.id,
    mine.token,
    Array.from({ length: 1001 }, () => ({ signal: "error_rate", value: 1 })),
  );
  expect(oversized.status()).toBe(413);
  expect((await oversized.json()).error.code).toBe("TOO_LARGE");

  // Nothing from the refused requests was stored.
  expect(await db.signalSample.count({ where: { signal: { releaseId: mine.id } } })).toBe(2);

  await db.apiToken.updateMany({ where: { releaseId: mine.id }, data: { revokedAt: new Date() } });
  expect((await post(mine.id, mine.token, [{ signal: "error_rate", value: 1 }])).status()).toBe(401);
});
