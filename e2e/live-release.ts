import type { Db } from "@/lib/db";
import { storeToken } from "@/lib/tokens/tokens";
import type { TestUser } from "./fixtures";

// A release already in progress with one pushed signal (error rate, warn 1 %, stop 2 %) and a
// push token: what the cockpit tests start from.
// With `flagOn`, the release's built-in kill switch exists and reads ON.
export async function makeLiveRelease(db: Db, owners: { decision: TestUser; backup: TestUser; creator: TestUser }, { flagOn = false } = {}) {
  const release = await db.release.create({
    data: {
      title: `Live ${owners.decision.id.slice(0, 6)}`,
      status: "IN_PROGRESS",
      startedAt: new Date(),
      decisionOwnerId: owners.decision.id,
      backupOwnerId: owners.backup.id,
      flagKey: `live-${owners.decision.id.slice(0, 8)}`,
      stages: {
        create: [
          { kind: "EXPAND", position: 0, status: "ACTIVE", ownerId: owners.decision.id, checklistItems: { create: [{ text: "Columns added", position: 0 }] } },
          { kind: "MIGRATE", position: 1 },
          { kind: "CONTRACT", position: 2 },
        ],
      },
      signals: { create: { key: "error_rate", name: "Error rate", unit: "PERCENT", source: "PUSH", pollIntervalSeconds: 30 } },
    },
    select: { id: true, flagKey: true, signals: { select: { id: true } } },
  });
  if (flagOn) await db.flag.create({ data: { key: release.flagKey, environment: "production", enabled: true } });
  await db.criterion.create({
    data: { releaseId: release.id, signalId: release.signals[0]!.id, comparator: "GT", warnThreshold: 1, stopThreshold: 2, windowSeconds: 120, position: 0 },
  });
  const { secret } = await db.$transaction((tx) => storeToken(tx, { kind: "SIGNAL_PUSH", name: "e2e", releaseId: release.id, createdById: owners.creator.id }));
  return { id: release.id, flagKey: release.flagKey, token: secret };
}
