import type { z } from "@/lib/input/zod";
import { runAction, type ActionConfig, type ActionResult } from "@/lib/action";
import type { CurrentUser } from "@/lib/permissions";

// Runs an action as a given user through the real mutation path (no Next.js request needed).
export function as(user: CurrentUser | null) {
  return <S extends z.ZodType, T, P>(config: ActionConfig<S, T, P>, input: unknown): Promise<ActionResult<T>> =>
    runAction(config, input, { currentUser: async () => user, revalidate: () => undefined });
}

export function ok<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}
