import type { ZodOpenApiOverrideMetaContext } from "zod-openapi";
import { z } from "@/lib/input/zod";
import { auditQueryFields } from "@/lib/audit/log/filters";
import { turnFlagOff } from "@/lib/flags/commands";
import { decisionSchema } from "@/lib/releases/schemas-deploy";
import { releaseStatus } from "@/lib/api/v1/schemas";
import { lintRequestSchema } from "@/lib/lint/request";
import { pushBodySchema } from "@/lib/signals/sources/push/accept";

// The shapes of the v1 routes that predate the pipeline contract (lib/api/v1/schemas.ts). Request
// bodies are the very schemas those routes validate with; the answers were plain TypeScript types,
// written out here as zod so the document can show them (the contract test checks the real answers
// against them, so they cannot quietly drift).

// An action route takes the release id from the URL and sets it on the action's input over anything
// the body says: the body schema is the action's input without `releaseId`. (zod refuses `.omit()`
// on a refined object, and the refinements must stay, so the field is taken out of the rendering.)
function withoutReleaseId<S extends z.ZodType>(input: S, id: string): S {
  return input.meta({
    id,
    override: ({ jsonSchema }: ZodOpenApiOverrideMetaContext) => {
      if (jsonSchema.properties) delete jsonSchema.properties.releaseId;
      if (Array.isArray(jsonSchema.required)) jsonSchema.required = jsonSchema.required.filter((name: string) => name !== "releaseId");
    },
  }) as S;
}

export const decisionBody = withoutReleaseId(decisionSchema, "DecisionRequest");
export const flagFlipBody = withoutReleaseId(turnFlagOff.input, "FlagFlipRequest");

export const lintBody = lintRequestSchema.meta({ id: "LintRequest" });
export const pushBody = pushBodySchema.meta({
  id: "SignalPush",
  description: "Up to 1,000 samples { signal, value, at? }, as a bare array or `{ samples: [...] }`.",
});

// The audit log's own filters (lib/audit/log/filters.ts), as the export reads them; the page
// cursors belong to the log's pages, not the export.
export const auditExportQuery = auditQueryFields.omit({ before: true, after: true });

export const healthResult = z.object({ status: z.literal("ok") }).meta({ id: "Health" });

export const readyResult = z
  .object({ status: z.literal("ready"), migrations: z.object({ applied: z.number().int(), expected: z.number().int() }) })
  .meta({ id: "Ready" });

export const lintResult = z
  .object({
    findings: z.array(
      z.object({
        rule: z.string(),
        line: z.int().meta({ description: "1-based line in the stage SQL." }),
        severity: z.enum(["error", "warning", "proof"]).meta({ description: "proof: allowed in Contract once its proof items hold." }),
        message: z.string(),
        advice: z.string().optional(),
        source: z.enum(["policy", "squawk"]),
      }),
    ),
    errors: z.int(),
    warnings: z.int(),
    requiresProof: z.boolean(),
  })
  .meta({ id: "LintResult" });

export const chainReport = z
  .union([
    z.object({
      ok: z.literal(true),
      count: z.int(),
      lastId: z.string().nullable(),
      checkpoint: z.object({ id: z.string(), headId: z.string(), at: z.string() }).optional(),
    }),
    z.object({ ok: z.literal(false), count: z.int(), brokenId: z.string(), reason: z.string() }),
  ])
  .meta({ id: "ChainReport" });

export const auditEvent = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actorType: z.enum(["USER", "SYSTEM"]),
    actorId: z.string().nullable(),
    actor: z.string(),
    releaseId: z.string().nullable(),
    releaseTitle: z.string().nullable(),
    action: z.string(),
    description: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    prevHash: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });

export const decisionResult = z
  .object({ id: z.string(), status: releaseStatus, flag: z.string().nullable().meta({ description: "What happened to the kill switch, if anything." }) })
  .meta({ id: "DecisionResult" });

export const flagFlipResult = z
  .object({
    enabled: z.boolean(),
    pendingApproval: z
      .object({ requestId: z.string(), expiresAt: z.iso.datetime() })
      .optional()
      .meta({ description: "Four eyes: turning on became a request the backup or an admin must approve." }),
  })
  .meta({ id: "FlagState" });

export const pushResult = z.object({ accepted: z.int() }).meta({ id: "PushResult" });
