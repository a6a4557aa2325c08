import { z } from "@/lib/input/zod";
import { BACKFILL_SUFFIX, isBackfillKey } from "@/lib/flags/backfill/key";
import { FLAG_PROVIDER_KINDS } from "@/lib/flags/providers/catalog";
import { dayString, optionalDateTime } from "@/lib/input/dates";
import { id, optionalId } from "@/lib/releases/schema-fields";

// Input schemas shared by the plan forms (client) and the plan actions (server).

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

// A whole number from a form field; absent, the release keeps its value.
const wholeNumber = (min: number, max: number, tooLow: string, tooHigh: string) =>
  z
    .union([z.number(), z.string()], "Enter a whole number")
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const number = typeof value === "number" ? value : value.trim() === "" ? NaN : Number(value);
      const message = !Number.isInteger(number) ? "Enter a whole number" : number < min ? tooLow : number > max ? tooHigh : null;
      if (message) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return number;
    });

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
      .regex(/^[A-Za-z0-9._:-]{0,100}$/, "Use letters, digits, dots, dashes, colons or underscores")
      .refine((key) => !isBackfillKey(key), `Keys ending in “${BACKFILL_SUFFIX}” name the backfill switches Switchback keeps; choose another key`),
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
    // Left out, each keeps its value (like the target), so older callers need not send them.
    targetPollSeconds: wholeNumber(1, 300, "At least 1 second", "At most 300 seconds"),
    businessCycleDays: wholeNumber(0, 90, "At least 0 days", "At most 90 days"),
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
