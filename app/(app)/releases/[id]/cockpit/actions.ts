"use server";

import type { z } from "zod";
import { runAction, type ActionConfig } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { completeStage, recordDecision, startDeploy } from "@/lib/releases/commands/deploy";
import { setDemoRegression } from "@/lib/signals/demo-commands";

// The cockpit's server actions; each goes through the one wrapper.

const perform = <S extends z.ZodType, T>(config: ActionConfig<S, T>, input: unknown) => runAction(config, input, nextRuntime);

export async function startDeployAction(input: unknown) {
  return perform(startDeploy, input);
}
export async function completeStageAction(input: unknown) {
  return perform(completeStage, input);
}
export async function recordDecisionAction(input: unknown) {
  return perform(recordDecision, input);
}
export async function setDemoRegressionAction(input: unknown) {
  return perform(setDemoRegression, input);
}
