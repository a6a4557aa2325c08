"use server";

import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { endAllSessions } from "@/lib/users/commands";

export async function endAllSessionsAction(input: unknown) {
  return runAction(endAllSessions, input, nextRuntime);
}
