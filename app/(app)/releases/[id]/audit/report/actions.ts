"use server";

import type { z } from "@/lib/input/zod";
import { runAction, type ActionConfig } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { addFollowUp, removeFollowUp, saveReviewSummary } from "@/lib/releases/commands/review";

const perform = <S extends z.ZodType, T, P>(config: ActionConfig<S, T, P>, input: unknown) => runAction(config, input, nextRuntime);

export async function saveReviewSummaryAction(input: unknown) {
  return perform(saveReviewSummary, input);
}
export async function addFollowUpAction(input: unknown) {
  return perform(addFollowUp, input);
}
export async function removeFollowUpAction(input: unknown) {
  return perform(removeFollowUp, input);
}
