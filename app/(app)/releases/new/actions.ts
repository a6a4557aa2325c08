"use server";

import { redirect } from "next/navigation";
import { runAction } from "@/lib/action";
import { nextRuntime } from "@/lib/next-runtime";
import { createRelease } from "@/lib/releases/commands/create-release";
import type { ErrorBody } from "@/lib/errors";

export interface NewReleaseState {
  title?: string;
  from?: string;
  deployStyle?: string;
  error?: ErrorBody;
}

export async function createReleaseAction(_previous: NewReleaseState, form: FormData): Promise<NewReleaseState> {
  const input = {
    title: String(form.get("title") ?? ""),
    from: String(form.get("from") ?? "template"),
    deployStyle: String(form.get("deployStyle") ?? "ROLLING"),
  };
  const result = await runAction(createRelease, input, nextRuntime);
  if (!result.ok) return { ...input, error: result.error };
  redirect(`/releases/${result.data.id}`);
}
