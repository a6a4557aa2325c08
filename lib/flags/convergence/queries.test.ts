import { describe, expect, it } from "vitest";
import { turnFlagOff } from "@/lib/flags/commands";
import { getConsumersLine } from "@/lib/flags/convergence/queries";
import { as, ok } from "@/lib/testing/actions";
import { createUser, testDb } from "@/lib/testing/db";
import { fixtureRelease } from "@/lib/testing/release-fixtures";

const seen = (flagKey: string, consumer: string, version: number, at: number) =>
  testDb().flagConsumer.create({
    data: {
      flagKey,
      environment: "production",
      consumer,
      tokenName: consumer,
      enabled: version === 1,
      version,
      versionAt: new Date(at),
      servedAt: new Date(at),
      lastSeenAt: new Date(at),
      via: "stream",
    },
  });

describe("the Consumers line of a release", () => {
  it("follows an operator's flip from its consumers' last reads to all on OFF", async () => {
    const owner = await createUser("OPERATOR");
    const release = await fixtureRelease(owner.id, "IN_PROGRESS");
    await seen(release.flagKey, "checkout", 1, Date.now() - 10_000);
    expect(await getConsumersLine(owner, release.id)).toMatchObject({ tone: "green", text: "1, all on ON" });

    ok(await as(owner)(turnFlagOff, { releaseId: release.id, expected: true }));
    const { flippedAt } = await testDb().flagConvergence.findFirstOrThrow({ where: { releaseId: release.id } });
    const now = flippedAt.getTime() + 2000;
    await testDb().flagConsumer.updateMany({ where: { flagKey: release.flagKey }, data: { lastSeenAt: new Date(flippedAt.getTime() - 10_000) } });
    expect(await getConsumersLine(owner, release.id, now)).toMatchObject({ tone: "amber", text: "0 of 1 on OFF; checkout still on ON (last seen 12 s ago)" });

    await testDb().flagConsumer.updateMany({
      where: { flagKey: release.flagKey },
      data: { version: 2, enabled: false, versionAt: new Date(flippedAt.getTime() + 250), lastSeenAt: new Date(flippedAt.getTime() + 250) },
    });
    expect(await getConsumersLine(owner, release.id, now)).toEqual({ tone: "green", text: "1, all on OFF (last one 0.3 s after the flip)", gone: null });
  });
});
