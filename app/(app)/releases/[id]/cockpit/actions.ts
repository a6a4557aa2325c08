"use server";

import type { z } from "@/lib/input/zod";
import { runAction, type ActionConfig } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { acknowledgeAutoStop, completeStage, recordDecision, startDeploy } from "@/lib/releases/commands/deploy";
import { setDemoRegression } from "@/lib/signals/sources/demo/commands";
import { abandonRelease, markRolledBack } from "@/lib/releases/commands/lifecycle";
import { approveFlagOn, declineFlagOn } from "@/lib/flags/commands";
import { pauseBackfill, resumeBackfill } from "@/lib/flags/backfill/commands";
import { startIncident, tickIncidentStep } from "@/lib/incidents/commands";
import { addNote } from "@/lib/releases/commands/notes";
import { tickChecklistItem } from "@/lib/releases/commands/checklist";

// The cockpit's server actions; each goes through the one wrapper.

const perform = <S extends z.ZodType, T, P>(config: ActionConfig<S, T, P>, input: unknown) => runAction(config, input, nextRuntime);

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
export async function pauseBackfillAction(input: unknown) {
  return perform(pauseBackfill, input);
}
export async function resumeBackfillAction(input: unknown) {
  return perform(resumeBackfill, input);
}
export async function acknowledgeAutoStopAction(input: unknown) {
  return perform(acknowledgeAutoStop, input);
}
export async function approveFlagOnAction(input: unknown) {
  return perform(approveFlagOn, input);
}
export async function declineFlagOnAction(input: unknown) {
  return perform(declineFlagOn, input);
}
export async function markRolledBackAction(input: unknown) {
  return perform(markRolledBack, input);
}
export async function abandonReleaseAction(input: unknown) {
  return perform(abandonRelease, input);
}
export async function startIncidentAction(input: unknown) {
  return perform(startIncident, input);
}
export async function tickIncidentStepAction(input: unknown) {
  return perform(tickIncidentStep, input);
}
export async function addNoteAction(input: unknown) {
  return perform(addNote, input);
}
export async function tickChecklistItemAction(input: unknown) {
  return perform(tickChecklistItem, input);
}
