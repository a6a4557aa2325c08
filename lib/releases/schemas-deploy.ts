import { z } from "@/lib/input/zod";

const id = z.uuid("Not a valid id");

export const startDeploySchema = z.object({ releaseId: id });
// With a target database, a failing schema check (or Contract proof) is passed only with a reason;
// `override` says the person means to, so an empty reason is a field error rather than a refusal.
export const completeStageSchema = z
  .object({
    releaseId: id,
    stageId: id,
    override: z.boolean().default(false),
    overrideReason: z.string().trim().max(2000, "Keep the reason under 2,000 characters").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.override && !value.overrideReason) ctx.addIssue({ code: "custom", path: ["overrideReason"], message: "Say why you complete it anyway" });
  });
export const decisionSchema = z
  .object({
    releaseId: id,
    verdict: z.enum(["GO", "STOP"], "Choose Go or Stop"),
    reason: z.string().trim().max(2000, "Keep the reason under 2,000 characters").default(""),
    // A Stop turns the kill switch off unless the caller says to keep it.
    flag: z.enum(["off", "keep"], "Say whether to turn the flag off").default("off"),
  })
  .superRefine((value, ctx) => {
    if (value.verdict === "STOP" && !value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why you are stopping" });
  });
export const outcomeSchema = z.object({ releaseId: id, reason: z.string().trim().min(1, "Say why").max(2000, "Keep the reason under 2,000 characters") });
export const demoRegressionSchema = z.object({ releaseId: id, on: z.boolean() });
