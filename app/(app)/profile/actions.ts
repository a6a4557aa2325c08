"use server";

import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { updateContact } from "@/lib/users/profile-commands";

export async function updateContactAction(input: unknown) {
  return runAction(updateContact, input, nextRuntime);
}
