"use server";

import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { createWebhook, setWebhookEnabled } from "@/lib/notify/commands";

export async function createWebhookAction(input: unknown) {
  return runAction(createWebhook, input, nextRuntime);
}
export async function setWebhookEnabledAction(input: unknown) {
  return runAction(setWebhookEnabled, input, nextRuntime);
}
