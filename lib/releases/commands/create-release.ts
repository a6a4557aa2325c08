import type { ActionConfig, ActionContext } from "@/lib/action";
import type { z } from "@/lib/input/zod";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createReleaseSchema } from "@/lib/releases/schemas";
import { swapStyleChecklist } from "@/lib/releases/style-checklist";
import { runbookTemplateSteps, stageChecklist, STAGE_EXIT_CRITERIA, STAGE_ORDER, templateItemRow, type DeployStyleName } from "@/lib/releases/template";
import { NO_TARGET } from "@/lib/signals/sources/database/config";

// A new plan starts from the expand → migrate → contract template, or as a copy of an earlier
// release's plan: its stages, SQL, checklists (unticked), runbook, signals and criteria — not its
// history (status, ticks, drills, decisions). Either way the checklists follow the chosen deploy
// style: a copy of a release with another style swaps that style's untouched items for these.

function fromTemplate(style: DeployStyleName) {
  return {
    stages: {
      create: STAGE_ORDER.map((kind, position) => ({
        kind,
        position,
        exitCriteria: STAGE_EXIT_CRITERIA[kind],
        checklistItems: { create: stageChecklist(kind, style).map(templateItemRow) },
      })),
    },
    runbookSteps: { create: runbookTemplateSteps() },
  };
}

async function fromEarlier(tx: Tx, sourceId: string) {
  const source = await tx.release.findUnique({
    where: { id: sourceId },
    select: {
      service: true,
      summary: true,
      deployStyle: true,
      flagProvider: true,
      flagEnvironment: true,
      decisionOwnerId: true,
      backupOwnerId: true,
      autoStopEnabled: true,
      autoStopAfter: true,
      targetPollSeconds: true,
      businessCycleDays: true,
      stages: {
        orderBy: { position: "asc" },
        select: {
          kind: true,
          position: true,
          ownerId: true,
          sql: true,
          rollbackNote: true,
          exitCriteria: true,
          checklistItems: { orderBy: { position: "asc" }, select: { text: true, isProof: true, computedProof: true, position: true } },
        },
      },
      runbookSteps: { select: { role: true, assigneeId: true, text: true, position: true, autoCheck: true } },
      signals: {
        select: {
          key: true,
          name: true,
          unit: true,
          source: true,
          promql: true,
          dbMetric: true,
          dbSql: true,
          pollIntervalSeconds: true,
          criteria: { select: { comparator: true, warnThreshold: true, stopThreshold: true, windowSeconds: true, position: true, autoAction: true } },
        },
      },
    },
  });
  if (!source) throw new AppError("NOT_FOUND", "The release to copy from does not exist.", { from: ["Choose a release to copy from"] });
  const { stages, runbookSteps, signals, ...fields } = source;
  return {
    fields: { ...fields, clonedFromId: sourceId },
    nested: {
      stages: { create: stages.map(({ checklistItems, ...stage }) => ({ ...stage, checklistItems: { create: checklistItems } })) },
      runbookSteps: { create: runbookSteps },
    },
    signals,
  };
}

// What the create itself returns: enough for the API's answer without reading the release again
// after commit (a read that failed then would answer 503 for a release that exists).
export interface NewRelease {
  id: string;
  title: string;
  service: string;
  status: "DRAFT";
  updatedAt: Date;
}

export const createRelease: ActionConfig<typeof createReleaseSchema, NewRelease> = {
  name: "release.create",
  input: createReleaseSchema,
  permission: "plan.create",
  run: ({ tx, input, user, audit }) => createReleaseIn({ tx, audit }, input, { createdById: user.id }),
  revalidate: () => ["/releases"],
};

// Who creates the release: a person, or a service-wide pipeline token (lib/pipelines/create-release.ts)
// that sets the service it covers and names the person who made the token as the creator.
export interface ReleaseCreator {
  createdById: string | null;
  service?: string;
  tokenId?: string;
}

// The creation itself, the same for both: the template or a copy, in the caller's transaction.
export async function createReleaseIn(
  { tx, audit }: Pick<ActionContext<unknown>, "tx" | "audit">,
  input: z.output<typeof createReleaseSchema>,
  by: ReleaseCreator,
): Promise<NewRelease> {
  const copy = input.from === "template" ? null : await fromEarlier(tx, input.from);
  const service = by.service === undefined ? {} : { service: by.service };
  const release = await tx.release.create({
    data: {
      ...{ title: input.title, createdById: by.createdById, ...copy?.fields, ...service, deployStyle: input.deployStyle },
      ...(copy?.nested ?? fromTemplate(input.deployStyle)),
    },
    select: { id: true, title: true, service: true, updatedAt: true },
  });
  if (copy && copy.fields.deployStyle !== input.deployStyle) await swapStyleChecklist(tx, release.id, copy.fields.deployStyle, input.deployStyle);
  for (const { criteria, ...signal } of copy?.signals ?? []) {
    // A copy names no target database yet, and its Database signals say so.
    const waiting = signal.source === "DATABASE" ? { lastError: NO_TARGET } : {};
    await tx.signal.create({
      data: { ...signal, ...waiting, releaseId: release.id, criteria: { create: criteria.map((c) => ({ ...c, releaseId: release.id })) } },
    });
  }
  await audit({
    action: "release.created",
    releaseId: release.id,
    after: { title: input.title, from: input.from, deployStyle: input.deployStyle, ...service, ...(by.tokenId ? { tokenId: by.tokenId } : {}) },
  });
  return { ...release, status: "DRAFT" };
}
