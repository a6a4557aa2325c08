import { z } from "@/lib/input/zod";
import { TOKEN_SCOPES } from "@/lib/tokens/scopes";

// The pipeline API's shapes (issue: pipelines), one zod schema each: the routes validate their
// input with these, the routes' answers are built to these types, and the OpenAPI document at
// /api/v1/openapi.json is generated from them (lib/api/openapi/). `.meta({ id })` names a schema
// in the document's components.

export const RELEASE_STATUSES = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"] as const;
export const STAGE_NAMES = ["expand", "migrate", "contract"] as const;
export type StageName = (typeof STAGE_NAMES)[number];
// A stage as the API names it and as the database does: the one mapping both ways.
export const STAGE_KIND = { expand: "EXPAND", migrate: "MIGRATE", contract: "CONTRACT" } as const satisfies Record<StageName, string>;
export const stageNameOf = (kind: (typeof STAGE_KIND)[StageName]) => kind.toLowerCase() as StageName;

export const releaseStatus = z.enum(RELEASE_STATUSES).meta({ id: "ReleaseStatus", description: "Where the release is in its life." });
export const stageName = z.enum(STAGE_NAMES).meta({ id: "StageName", description: "A stage, in deploy order." });
export const tokenScope = z.enum(TOKEN_SCOPES).meta({ id: "TokenScope" });

export const releaseIdParam = z.object({ id: z.uuid("Not a valid release id").meta({ description: "The release's id (from its URL)." }) });

export const releaseListQuery = z.object({
  status: releaseStatus.optional().meta({ description: "Only releases in this status." }),
  service: z.string().trim().min(1).max(200).optional().meta({ description: "Only releases of this service." }),
  limit: z.coerce.number().int().min(1).max(200).default(50).meta({ description: "At most this many, newest first." }),
});

export const releaseSummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    service: z.string(),
    status: releaseStatus,
    activeStage: stageName.nullable().meta({ description: "The stage being deployed, if any." }),
    updatedAt: z.iso.datetime(),
    url: z.url().meta({ description: "The release's page in Switchback." }),
  })
  .meta({ id: "ReleaseSummary" });

export const releaseList = z.object({ releases: z.array(releaseSummary) }).meta({ id: "ReleaseList" });

export const stageView = z
  .object({
    stage: stageName,
    status: z.enum(["PENDING", "ACTIVE", "DONE"]),
    startedAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
    // The latest schema check against the release's target database, when it names one.
    verification: z
      .object({ state: z.enum(["verified", "failing", "unchecked"]), checkedAt: z.iso.datetime(), message: z.string() })
      .nullable()
      .meta({ description: "The stage's latest schema check against the target database; null without a target." }),
  })
  .meta({ id: "Stage" });

export const criterionView = z
  .object({
    signal: z.string(),
    status: z.enum(["OK", "WARN", "STOP", "STALE"]).meta({ description: "STALE: no fresh sample in the window; never read as OK." }),
    value: z.number().nullable(),
    reason: z.string(),
  })
  .meta({ id: "CriterionStatus" });

export const decisionView = z
  .object({ verdict: z.enum(["GO", "STOP"]), reason: z.string(), by: z.string(), at: z.iso.datetime(), stage: stageName.nullable() })
  .meta({ id: "Decision" });

export const releaseDetail = releaseSummary
  .extend({
    stages: z.array(stageView),
    recommendation: z.object({ verdict: z.string(), reason: z.string(), criteria: z.array(criterionView) }),
    latestDecision: decisionView.nullable(),
    flag: z
      .object({ provider: z.string(), key: z.string(), environment: z.string(), enabled: z.boolean().nullable(), problem: z.string().nullable() })
      .nullable()
      .meta({ description: "The kill switch as its provider reports it now; null when the release names no flag." }),
    readiness: z.object({ ready: z.boolean(), missing: z.array(z.string()) }),
  })
  .meta({ id: "ReleaseDetail" });

export const gateQuery = z.object({
  stage: stageName,
  wait: z.coerce
    .number("wait is a number of seconds")
    .int("wait is a whole number of seconds")
    .min(0, "wait is at least 0")
    .max(900, "wait is at most 900 seconds")
    .default(0)
    .meta({ description: "How long to wait for Go, in seconds (0–900). The answer comes as soon as the gate opens or closes." }),
});

export const gatePass = z
  .object({ go: z.literal(true), stage: stageName, release: z.uuid(), at: z.iso.datetime() })
  .meta({ id: "GatePass", description: "The stage may be deployed now. The pass is in the audit trail." });
export const gateClosed = z
  .object({ go: z.literal(false), status: releaseStatus, reason: z.string() })
  .meta({ id: "GateClosed", description: "The release is stopped, rolled back, abandoned, complete or paused for a human: do not deploy." });
export const gateWaiting = z
  .object({ go: z.literal(false), waitingFor: z.array(z.string()).min(1) })
  .meta({ id: "GateWaiting", description: "`wait` ran out; what the gate still waits for. Ask again." });

export const stageCompleteBody = z
  .object({})
  .strict()
  .meta({ id: "StageCompleteRequest", description: "No fields: a pipeline completes a stage by the same rules as the button, without overrides." });

export const stageCompleteResult = z.object({ stage: stageName, next: stageName.nullable(), status: releaseStatus }).meta({ id: "StageCompleteResult" });

export const deployStartBody = z
  .object({})
  .strict()
  .meta({ id: "DeployStartRequest", description: "No fields: the pipeline starts the deploy of a ready release, as the cockpit's Start deploy does." });

export const deployStartResult = z
  .object({ status: z.literal("IN_PROGRESS"), stage: stageName.meta({ description: "The stage now active (Expand)." }) })
  .meta({ id: "DeployStartResult" });

export const DEPLOY_STYLES = ["ROLLING", "BLUE_GREEN", "CANARY"] as const;
export const deployStyle = z.enum(DEPLOY_STYLES, "deployStyle is ROLLING, BLUE_GREEN or CANARY").meta({ id: "DeployStyle" });

export const releaseCreateBody = z
  .object({
    title: z.string().trim().min(1, "Give the release a title").max(200, "Keep the title under 200 characters"),
    from: z
      .union([z.enum(["template", "latest"]), z.uuid("from is “template”, “latest” or a release's id")])
      .default("template")
      .meta({
        description:
          "“template”: expand → migrate → contract from scratch; “latest”: a copy of the newest release of the token's service; or the id of a release (of that service) to copy.",
      }),
    deployStyle: deployStyle.optional().meta({ description: "Absent: a copy keeps its source's style; the template is ROLLING." }),
  })
  .strict()
  .meta({ id: "ReleaseCreateRequest", description: "A copy keeps the plan (stages, SQL, checklists unticked, runbook, signals, criteria), not its history." });

export const errorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNAVAILABLE, …" }),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
      requestId: z
        .string()
        .optional()
        .meta({ description: "The request's id (also the X-Request-Id header): quote it so the failure can be found in the server's log." }),
    }),
  })
  .meta({ id: "Error" });

export type ReleaseSummary = z.output<typeof releaseSummary>;
export type ReleaseDetail = z.output<typeof releaseDetail>;
export type GatePass = z.output<typeof gatePass>;
export type GateClosed = z.output<typeof gateClosed>;
export type GateWaiting = z.output<typeof gateWaiting>;
