"use server";

import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { createToken, revokeToken } from "@/lib/tokens/commands";

export async function createTokenAction(input: unknown) {
  return runAction(createToken, input, nextRuntime);
}
export async function revokeTokenAction(input: unknown) {
  return runAction(revokeToken, input, nextRuntime);
}
