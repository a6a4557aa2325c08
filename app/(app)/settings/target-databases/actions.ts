"use server";

import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { addTarget, removeTarget, testTarget } from "@/lib/targets/commands";

export async function addTargetAction(input: unknown) {
  return runAction(addTarget, input, nextRuntime);
}
export async function testTargetAction(input: unknown) {
  return runAction(testTarget, input, nextRuntime);
}
export async function removeTargetAction(input: unknown) {
  return runAction(removeTarget, input, nextRuntime);
}
