import type { Db } from "@/lib/db";
import { storeToken } from "@/lib/tokens/tokens";

// Releases waiting at the Migrate gate for one thing only, the decision owner's Go: in progress,
// Expand done, Migrate active, no criteria (nothing else can hold the gate or open it), each with
// a pipeline token of its own holding the `gate` scope, as a pipeline per release would have.

export interface GateRelease {
  id: string;
  secret: string;
}

export const GATE_SERVICE = "bench-gates";

export async function createGateReleases(db: Db, decisionOwnerId: string, count: number): Promise<GateRelease[]> {
  const releases: GateRelease[] = [];
  for (let i = 0; i < count; i++) {
    const release = await db.release.create({
      data: {
        title: `Bench gate ${i + 1}`,
        service: GATE_SERVICE,
        status: "IN_PROGRESS",
        startedAt: new Date(),
        decisionOwnerId,
        createdById: decisionOwnerId,
        stages: {
          create: [
            { kind: "EXPAND", status: "DONE", position: 0, startedAt: new Date(), completedAt: new Date(), completedById: decisionOwnerId },
            { kind: "MIGRATE", status: "ACTIVE", position: 1, startedAt: new Date() },
            { kind: "CONTRACT", status: "PENDING", position: 2 },
          ],
        },
      },
      select: { id: true },
    });
    const { secret } = await db.$transaction((tx) =>
      storeToken(tx, { kind: "PIPELINE", name: `bench-pipeline-${i + 1}`, releaseId: release.id, createdById: decisionOwnerId, scopes: ["gate"] }),
    );
    releases.push({ id: release.id, secret });
  }
  return releases;
}
