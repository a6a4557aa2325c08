"use server";

import { runAction, type ActionConfig } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import * as checklist from "@/lib/releases/commands/checklist";
import * as criteria from "@/lib/releases/commands/criteria";
import { removeDrill as removeDrillAction } from "@/lib/releases/commands/drills";
import * as lifecycle from "@/lib/releases/commands/lifecycle";
import { updateReleaseDetails } from "@/lib/releases/commands/release-details";
import * as runbook from "@/lib/releases/commands/runbook";
import { updateStage } from "@/lib/releases/commands/stage";
import type { z } from "@/lib/input/zod";

// The plan page's server actions: public POST endpoints, each going through the one wrapper
// (session, validation, permission, change + audit in one transaction).

const perform = <S extends z.ZodType, T, P>(config: ActionConfig<S, T, P>, input: unknown) => runAction(config, input, nextRuntime);

export async function saveReleaseDetails(input: unknown) {
  return perform(updateReleaseDetails, input);
}
export async function saveStage(input: unknown) {
  return perform(updateStage, input);
}
export async function addChecklistItem(input: unknown) {
  return perform(checklist.addChecklistItem, input);
}
export async function editChecklistItem(input: unknown) {
  return perform(checklist.editChecklistItem, input);
}
export async function removeChecklistItem(input: unknown) {
  return perform(checklist.removeChecklistItem, input);
}
export async function moveChecklistItem(input: unknown) {
  return perform(checklist.moveChecklistItem, input);
}
export async function tickChecklistItem(input: unknown) {
  return perform(checklist.tickChecklistItem, input);
}
export async function assignRunbookRole(input: unknown) {
  return perform(runbook.assignRunbookRole, input);
}
export async function addRunbookStep(input: unknown) {
  return perform(runbook.addRunbookStep, input);
}
export async function editRunbookStep(input: unknown) {
  return perform(runbook.editRunbookStep, input);
}
export async function removeRunbookStep(input: unknown) {
  return perform(runbook.removeRunbookStep, input);
}
export async function saveCriterion(input: unknown) {
  return perform(criteria.saveCriterion, input);
}
export async function removeCriterion(input: unknown) {
  return perform(criteria.removeCriterion, input);
}
export async function recordDrill(input: unknown) {
  return perform(lifecycle.recordDrill, input);
}
export async function removeDrill(input: unknown) {
  return perform(removeDrillAction, input);
}
export async function markReady(input: unknown) {
  return perform(lifecycle.markReady, input);
}
export async function returnToDraft(input: unknown) {
  return perform(lifecycle.returnToDraft, input);
}
export async function abandonRelease(input: unknown) {
  return perform(lifecycle.abandonRelease, input);
}
