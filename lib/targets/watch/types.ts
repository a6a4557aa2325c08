import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { ReleaseStatus, StageKind, StageStatus } from "@/lib/generated/prisma/enums";
import type { TargetRef } from "@/lib/targets/pool";

// What the target watcher hands each of its jobs: one live release that names a target database,
// with its stages, read once per poll.

export interface WatchedStage {
  id: string;
  kind: StageKind;
  status: StageStatus;
  sql: string;
  completedAt: Date | null;
  statementBaseline: Prisma.JsonValue | null;
}

export interface WatchedRelease {
  id: string;
  title: string;
  status: ReleaseStatus;
  targetPollSeconds: number;
  businessCycleDays: number;
  target: TargetRef & { name: string };
  stages: WatchedStage[];
}

/** One thing the watcher does per due release (Database signals, schema check, Contract proof). */
export type WatchJob = (db: Db, release: WatchedRelease, now: Date) => Promise<unknown>;
