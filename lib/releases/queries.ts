import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import { CONTRACT_PROOF_RELEASE_FIELDS, CONTRACT_PROOF_STAGE_FIELDS } from "@/lib/proofs/select";
import { checklistItemsOf, FLAG_SETTINGS } from "@/lib/releases/select-fields";

// Every signed-in user may read every release (PRODUCT.md: "read everything"), so the user is
// taken for the record and for future scoping, not to filter.

const person = { select: { id: true, name: true, email: true } } as const;

export async function listReleases(_user: CurrentUser) {
  return db.release.findMany({
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      title: true,
      service: true,
      status: true,
      isDemo: true,
      updatedAt: true,
      decisionOwner: person,
      backupOwner: person,
      stages: { orderBy: { position: "asc" }, select: { kind: true, status: true, owner: person } },
    },
  });
}

export type ReleaseListItem = Awaited<ReturnType<typeof listReleases>>[number];

export async function getReleasePlan(_user: CurrentUser, id: string) {
  return db.release.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      service: true,
      summary: true,
      status: true,
      deployStyle: true,
      windowStart: true,
      windowEnd: true,
      ...FLAG_SETTINGS,
      lintOverrideReason: true,
      isDemo: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      decisionOwner: person,
      backupOwner: person,
      targetDatabase: { select: { id: true, name: true } },
      targetPollSeconds: true,
      businessCycleDays: true,
      stages: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          status: true,
          sql: true,
          rollbackNote: true,
          exitCriteria: true,
          owner: person,
          checklistItems: checklistItemsOf(person),
          // The "Schema check" line (lib/verify/): the latest check, an override's reason, and the target it reads.
          schemaCheck: true,
          schemaOverrideReason: true,
          release: { select: { targetDatabase: { select: { name: true } }, ...CONTRACT_PROOF_RELEASE_FIELDS } },
          // Contract's computed proofs (lib/proofs/): the latest computation and an override's reason.
          ...CONTRACT_PROOF_STAGE_FIELDS,
        },
      },
      runbookSteps: { orderBy: [{ role: "asc" }, { position: "asc" }], select: { id: true, role: true, text: true, assignee: person } },
      criteria: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          comparator: true,
          warnThreshold: true,
          stopThreshold: true,
          windowSeconds: true,
          autoAction: true,
          signal: { select: { key: true, name: true, unit: true, source: true, promql: true, dbMetric: true, dbSql: true, lastError: true } },
        },
      },
      drills: {
        orderBy: [{ performedOn: "desc" }, { createdAt: "desc" }],
        select: { id: true, performedOn: true, result: true, notes: true, recordedBy: person },
      },
    },
  });
}

export type ReleasePlan = NonNullable<Awaited<ReturnType<typeof getReleasePlan>>>;
