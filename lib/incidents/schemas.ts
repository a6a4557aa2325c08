import { z } from "@/lib/input/zod";

const id = z.uuid("Not a valid id");

export const startIncidentSchema = z.object({
  releaseId: id,
  reason: z.string().trim().min(1, "Say what is happening").max(500, "Keep it under 500 characters"),
});
export const tickStepSchema = z.object({ releaseId: id, stepId: id, done: z.boolean() });
