import { z } from "@/lib/input/zod";
import { id } from "@/lib/releases/schema-fields";
import { AUTO_ACTIONS } from "@/lib/releases/auto-action";
import { CONFIG_FIELD_NAMES, NO_CONFIG, SELECTABLE_SOURCE_KINDS, selectableSource } from "@/lib/signals/sources/catalog";
import { SERVER_CONFIG_CHECKS } from "@/lib/signals/sources/server-checks";
import type { SignalConfigColumns } from "@/lib/signals/sources/types";

// A go/stop criterion as the plan's form, the action and the API send it: the signal, where its
// values come from (with that source's own settings, checked by its config schema) and thresholds.

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

// A choice that fixes the unit (a built-in database metric is measured in its own unit).
function fixedUnit(value: { source: unknown } & Partial<Record<keyof SignalConfigColumns, unknown>>) {
  const fields = selectableSource(value.source)?.fields ?? [];
  return fields.flatMap((field) => field.options?.find((option) => option.value === value[field.name])?.unit ?? [])[0];
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
    // What it does by itself after N breaches in a row, when the release has automatic actions on.
    autoAction: z.enum(AUTO_ACTIONS, "Choose what happens automatically").default("TURN_FLAG_OFF"),
  })
  .superRefine((value, ctx) => {
    if (value.warnThreshold === null && value.stopThreshold === null) {
      ctx.addIssue({ code: "custom", path: ["stopThreshold"], message: "Give a stop threshold, a warn threshold, or both" });
    } else if (value.stopThreshold === null && value.autoAction === "PAUSE_BACKFILL") {
      ctx.addIssue({ code: "custom", path: ["stopThreshold"], message: "Give a stop threshold: the backfill pauses when it is breached" });
    }
    const config = sourceConfigOf(value);
    for (const issue of config.error?.issues ?? []) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
    // Checks only the server can run (the SQL parser), once the source's own schema is satisfied.
    const serverCheck = config.data && SERVER_CONFIG_CHECKS[value.source];
    for (const problem of serverCheck ? serverCheck(config.data!) : []) {
      ctx.addIssue({ code: "custom", path: [problem.field], message: problem.message });
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
    return { ...value, ...columns, unit: fixedUnit(value) ?? value.unit };
  });

export const criterionIdSchema = z.object({ releaseId: id, criterionId: id });
