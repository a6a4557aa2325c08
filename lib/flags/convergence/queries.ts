import "server-only";
import { db } from "@/lib/db";
import type { ConsumerRead } from "@/lib/flags/convergence/judge";
import { consumersLine, type ConsumersLine } from "@/lib/flags/convergence/view";
import type { CurrentUser } from "@/lib/permissions";

// A flag read by more consumers than this is summarised from the most recently seen ones.
const CONSUMER_LIMIT = 500;

// The release's Consumers line as of now; null when there is no such release. Every signed-in
// user may read every release (PRODUCT.md): the user is taken for the record.
export async function getConsumersLine(_user: CurrentUser, releaseId: string, now = Date.now()): Promise<ConsumersLine | null> {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { flagProvider: true, flagKey: true, flagEnvironment: true } });
  if (!release) return null;
  const where = { key: release.flagKey, environment: release.flagEnvironment };
  const [flag, rows] = await Promise.all([
    release.flagKey ? db.flag.findUnique({ where: { key_environment: where }, select: { enabled: true, version: true, updatedAt: true } }) : null,
    release.flagKey
      ? db.flagConsumer.findMany({
          where: { flagKey: release.flagKey, environment: release.flagEnvironment },
          orderBy: { lastSeenAt: "desc" },
          take: CONSUMER_LIMIT,
          select: { consumer: true, tokenName: true, enabled: true, version: true, versionAt: true, lastSeenAt: true },
        })
      : [],
  ]);
  const flip = flag
    ? await db.flagConvergence.findFirst({
        where: { releaseId, flagKey: release.flagKey, environment: release.flagEnvironment, version: flag.version },
        orderBy: { flippedAt: "desc" },
        select: { flippedAt: true },
      })
    : null;
  const consumers: ConsumerRead[] = rows.map((c) => ({ ...c, versionAt: c.versionAt.getTime(), lastSeenAt: c.lastSeenAt.getTime() }));
  return consumersLine({
    provider: release.flagProvider,
    flag: flag && { enabled: flag.enabled, version: flag.version, changedAt: flag.updatedAt.getTime() },
    flippedAt: flip?.flippedAt.getTime() ?? null,
    consumers,
    now,
  });
}
