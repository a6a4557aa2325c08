import { z } from "zod";
import { FLAG_PROVIDER_KINDS } from "@/lib/flags/providers/catalog";
import { dayString, optionalDateTime } from "@/lib/input/dates";
import { CONFIG_FIELD_NAMES, NO_CONFIG, SELECTABLE_SOURCE_KINDS, selectableSource } from "@/lib/signals/sources/catalog";
import type { SignalConfigColumns } from "@/lib/signals/sources/types";

// Input schemas shared by the plan forms (client) and the plan actions (server).

const id = z.uuid("Not a valid id");
const optionalId = z
  .union([z.uuid(), z.literal(""), z.null()])
  .optional()
  .transform((value) => value || null);
const version = z.coerce.number().int().min(1);
const text = (max: number, label: string) => z.string().max(max, `${label} is too long (at most ${max.toLocaleString("en-US")} characters)`);
// An admin's written reason for reassigning owners once the deploy has started.
const reassignReason = z
  .string()
  .trim()
  .max(1000, "Keep the reason under 1,000 characters")
  .optional()
  .transform((v) => v || null);
const deployStyle = z.enum(["ROLLING", "BLUE_GREEN", "CANARY"], "Choose a deploy style");
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const releaseIdSchema = z.object({ releaseId: id });

export const createReleaseSchema = z.object({
  title: z.string().trim().min(1, "Give the release a title").max(200, "Keep the title under 200 characters"),
  from: z.union([z.literal("template"), id]).default("template"),
  deployStyle: deployStyle.default("ROLLING"),
});

export const releaseDetailsSchema = z
  .object({
    releaseId: id,
    expectedVersion: version,
    title: z.string().trim().min(1, "Give the release a title").max(200, "Keep the title under 200 characters"),
    service: z.string().trim().max(100, "Keep the service name under 100 characters"),
    summary: text(4000, "The summary"),
    deployStyle,
    windowStart: optionalDateTime,
    windowEnd: optionalDateTime,
    flagProvider: z.enum(FLAG_PROVIDER_KINDS, "Choose a flag provider"),
    flagKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._:-]{0,100}$/, "Use letters, digits, dots, dashes, colons or underscores"),
    flagEnvironment: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,50}$/, "Name the environment, e.g. production"),
    decisionOwnerId: optionalId,
    backupOwnerId: optionalId,
    // "" chooses none; leaving the field out keeps the release's target as it is.
    targetDatabaseId: z
      .union([z.uuid("Choose a target database from the list"), z.literal(""), z.null()])
      .optional()
      .transform((value) => (value === undefined ? undefined : value || null)),
    autoStopEnabled: checkbox,
    fourEyes: checkbox,
    reassignReason,
    autoStopAfter: z.coerce.number().int("Use a whole number").min(1, "At least 1").max(20, "At most 20"),
  })
  .superRefine((value, ctx) => {
    if (value.windowStart && value.windowEnd && value.windowEnd <= value.windowStart) {
      ctx.addIssue({ code: "custom", path: ["windowEnd"], message: "The window must end after it starts" });
    }
    if (value.decisionOwnerId && value.decisionOwnerId === value.backupOwnerId) {
      ctx.addIssue({ code: "custom", path: ["backupOwnerId"], message: "The backup must be a different person from the decision owner" });
    }
  });

export const stageSchema = z.object({
  releaseId: id,
  stageId: id,
  expectedVersion: version,
  ownerId: optionalId,
  sql: text(1_000_000, "The SQL"),
  rollbackNote: text(4000, "The rollback note"),
  exitCriteria: text(4000, "The exit criteria"),
  reassignReason,
});

const itemText = z.string().trim().min(1, "Write the item").max(500, "Keep it under 500 characters");

export const addChecklistItemSchema = z.object({ releaseId: id, stageId: id, text: itemText, isProof: checkbox });
export const editChecklistItemSchema = z.object({ releaseId: id, itemId: id, text: itemText, expectedText: z.string() });
export const checklistItemSchema = z.object({ releaseId: id, itemId: id });
export const moveChecklistItemSchema = z.object({ releaseId: id, itemId: id, direction: z.enum(["up", "down"]) });
export const tickChecklistItemSchema = z.object({ releaseId: id, itemId: id, done: z.boolean() });

const runbookRole = z.enum(["DISABLE_FEATURE", "DATABASE_HEALTH", "ERROR_TRACKING", "DECISION"], "Choose a role");
const stepText = z.string().trim().min(1, "Write the step").max(500, "Keep it under 500 characters");

export const assignRunbookRoleSchema = z.object({ releaseId: id, role: runbookRole, assigneeId: optionalId, expectedAssigneeId: optionalId });
export const addRunbookStepSchema = z.object({ releaseId: id, role: runbookRole, text: stepText });
export const editRunbookStepSchema = z.object({ releaseId: id, stepId: id, text: stepText, expectedText: z.string() });
export const runbookStepSchema = z.object({ releaseId: id, stepId: id });

const threshold = z
  .union([z.number(), z.string()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === "") return null;
    const number = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(number)) {
      ctx.addIssue({ code: "custom", message: "Enter a number" });
      return z.NEVER;
    }
    return number;
  });

// Every selectable source's settings fields, read as they come; the source's schema checks them.
const sourceConfigFields = Object.fromEntries(CONFIG_FIELD_NAMES.map((name) => [name, z.unknown().optional()])) as Record<
  keyof SignalConfigColumns,
  z.ZodOptional<z.ZodUnknown>
>;

function sourceConfigOf(value: { source: unknown } & Partial<Record<keyof SignalConfigColumns, unknown>>) {
  const source = selectableSource(value.source);
  if (!source) return { data: undefined, error: undefined };
  return source.config.safeParse(Object.fromEntries(source.fields.map((field) => [field.name, value[field.name]])));
}

export const criterionSchema = z
  .object({
    releaseId: id,
    criterionId: z
      .union([id, z.literal("")])
      .optional()
      .transform((v) => v || null),
    signalName: z.string().trim().min(1, "Name the signal").max(80, "Keep the name under 80 characters"),
    signalKey: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, "Use lower-case letters, digits and underscores, starting with a letter"),
    unit: z.enum(["PERCENT", "MILLISECONDS", "SECONDS", "COUNT"], "Choose a unit"),
    source: z.enum(SELECTABLE_SOURCE_KINDS, "Choose where the values come from"),
    // Each source's settings arrive as top-level fields (e.g. promql) and are checked below by
    // that source's own config schema, so field errors keep their names.
    ...sourceConfigFields,
    comparator: z.enum(["GT", "GTE", "LT", "LTE"], "Choose a comparison"),
    warnThreshold: threshold,
    stopThreshold: threshold,
    windowSeconds: z.coerce.number().int("Use whole seconds").min(5, "At least 5 seconds").max(3600, "At most an hour"),
  })
  .superRefine((value, ctx) => {
    if (value.warnThreshold === null && value.stopThreshold === null) {
      ctx.addIssue({ code: "custom", path: ["stopThreshold"], message: "Give a stop threshold, a warn threshold, or both" });
    }
    for (const issue of sourceConfigOf(value).error?.issues ?? []) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    const { warnThreshold: warn, stopThreshold: stop, comparator } = value;
    if (warn !== null && stop !== null) {
      const rising = comparator === "GT" || comparator === "GTE";
      if (rising ? warn > stop : warn < stop) {
        ctx.addIssue({
          code: "custom",
          path: ["warnThreshold"],
          message: rising ? "The warn threshold must not be above the stop threshold" : "The warn threshold must not be below the stop threshold",
        });
      }
    }
  })
  .transform((value) => {
    // Valid by now (the refinement above refused it otherwise). Columns the chosen source does not
    // use are cleared.
    const columns: SignalConfigColumns = { ...NO_CONFIG, ...sourceConfigOf(value).data };
    return { ...value, ...columns };
  });

export const criterionIdSchema = z.object({ releaseId: id, criterionId: id });

export const drillSchema = z.object({
  releaseId: id,
  performedOn: dayString("Enter the date of the drill").refine(
    (day) => new Date(`${day}T00:00:00Z`).getTime() <= Date.now(),
    "The drill cannot be in the future",
  ),
  result: z.enum(["PASSED", "FAILED"], "Say whether the drill passed"),
  notes: z.string().trim().max(2000, "Keep the notes under 2,000 characters").default(""),
});

export const drillIdSchema = z.object({ releaseId: id, drillId: id });

export const markReadySchema = z.object({
  releaseId: id,
  overrideReason: z
    .string()
    .trim()
    .max(1000, "Keep the reason under 1,000 characters")
    .optional()
    .transform((v) => v || null),
});

export const abandonSchema = z.object({ releaseId: id, reason: z.string().trim().min(1, "Say why the release is abandoned").max(1000) });
