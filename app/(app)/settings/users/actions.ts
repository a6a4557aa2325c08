"use server";

import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { changeRole, createUser, endAllSessions, setUserDisabled } from "@/lib/users/commands";

export async function endAllSessionsAction(input: unknown) {
  return runAction(endAllSessions, input, nextRuntime);
}
export async function createUserAction(input: unknown) {
  return runAction(createUser, input, nextRuntime);
}
export async function changeRoleAction(input: unknown) {
  return runAction(changeRole, input, nextRuntime);
}
export async function setUserDisabledAction(input: unknown) {
  return runAction(setUserDisabled, input, nextRuntime);
}
