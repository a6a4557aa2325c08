import "server-only";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { readFlagState } from "@/lib/flags/read-state";
import type { Prisma } from "@/lib/generated/prisma/client";
import { gatherReadiness } from "@/lib/releases/readiness-data";
import { releaseHealth } from "@/lib/signals/health";
import type { SchemaCheck } from "@/lib/verify/schema-check";
import { stageNameOf, type ReleaseDetail, type ReleaseSummary } from "@/lib/api/v1/schemas";

// The release as the pipeline API shows it (lib/api/v1/schemas.ts): what a CI job needs to decide
// its next step, read the way the cockpit reads it.

const SUMMARY = {
  id: true,
  title: true,
  service: true,
  status: true,
  updatedAt: true,
  stages: { orderBy: { position: "asc" }, select: { kind: true, status: true } },
} satisfies Prisma.ReleaseSelect;

type SummaryRow = Prisma.ReleaseGetPayload<{ select: typeof SUMMARY }>;

// Links point at PUBLIC_URL when set, else at the origin the request came to.
const releaseUrl = (origin: string, id: string) => new URL(`/releases/${id}`, env.PUBLIC_URL ?? origin).toString();

// A release just created, from what its create returned: a draft, no stage active yet.
export const newReleaseSummary = (row: Omit<SummaryRow, "stages" | "status">, origin: string): ReleaseSummary =>
  summaryOf({ ...row, status: "DRAFT", stages: [] }, origin);

function summaryOf(row: SummaryRow, origin: string): ReleaseSummary {
  const active = row.stages.find((stage) => stage.status === "ACTIVE");
  return {
    id: row.id,
    title: row.title,
    service: row.service,
    status: row.status,
    activeStage: active ? stageNameOf(active.kind) : null,
    updatedAt: row.updatedAt.toISOString(),
    url: releaseUrl(origin, row.id),
  };
}

export async function listReleases(
  db: Db,
  filter: { status?: ReleaseSummary["status"]; service?: string; id?: string; limit: number },
  origin: string,
): Promise<ReleaseSummary[]> {
  const rows = await db.release.findMany({
    where: {
      ...(filter.id ? { id: filter.id } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.service !== undefined ? { service: filter.service } : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: filter.limit,
    select: SUMMARY,
  });
  return rows.map((row) => summaryOf(row, origin));
}

function verificationOf(check: Prisma.JsonValue | null): ReleaseDetail["stages"][number]["verification"] {
  const value = check as Partial<SchemaCheck> | null;
  if (!value?.state || !value.checkedAt) return null;
  return { state: value.state, checkedAt: value.checkedAt, message: value.message ?? "" };
}

export async function releaseDetail(db: Db, id: string, origin: string): Promise<ReleaseDetail | null> {
  const row = await db.release.findUnique({
    where: { id },
    select: {
      ...SUMMARY,
      flagProvider: true,
      flagKey: true,
      flagEnvironment: true,
      stages: {
        orderBy: { position: "asc" },
        select: { kind: true, status: true, startedAt: true, completedAt: true, schemaCheck: true },
      },
      decisions: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { verdict: true, reason: true, createdAt: true, actor: { select: { name: true } }, stage: { select: { kind: true } } },
      },
    },
  });
  if (!row) return null;
  const [health, flag, readiness] = await Promise.all([
    releaseHealth(db, id),
    row.flagKey ? readFlagState(row.flagProvider, row.flagKey, row.flagEnvironment) : Promise.resolve(null),
    gatherReadiness(db, id),
  ]);
  const [decision] = row.decisions;
  return {
    ...summaryOf(row, origin),
    stages: row.stages.map((stage) => ({
      stage: stageNameOf(stage.kind),
      status: stage.status,
      startedAt: stage.startedAt?.toISOString() ?? null,
      completedAt: stage.completedAt?.toISOString() ?? null,
      verification: verificationOf(stage.schemaCheck),
    })),
    recommendation: {
      verdict: health.recommendation.verdict,
      reason: health.recommendation.reason,
      criteria: health.evaluations.map((evaluation) => ({
        signal: health.specs.find((spec) => spec.id === evaluation.criterionId)?.signalName ?? "",
        status: evaluation.status,
        value: evaluation.value,
        reason: evaluation.reason,
      })),
    },
    latestDecision: decision
      ? {
          verdict: decision.verdict,
          reason: decision.reason,
          by: decision.actor.name,
          at: decision.createdAt.toISOString(),
          stage: decision.stage ? stageNameOf(decision.stage.kind) : null,
        }
      : null,
    flag: flag && { provider: flag.provider, key: flag.key, environment: flag.environment, enabled: flag.enabled, problem: flag.problem },
    readiness: { ready: readiness.ready, missing: readiness.checks.filter((check) => !check.ok).map((check) => `${check.label}: ${check.reason}`) },
  };
}
