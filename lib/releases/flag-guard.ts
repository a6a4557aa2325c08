import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

// A built-in flag (key + environment) guards at most one release that is not finished: else the
// deciders of one release could flip another's kill switch by naming its key. The partial unique
// index releases_builtin_flag_guard enforces it; this check only words the refusal.

const FINISHED = ["COMPLETED", "ROLLED_BACK", "ABANDONED"] as const;
const INDEX = "releases_builtin_flag_guard";

export function flagTakenError(key: string, holder?: string): AppError {
  const message = holder
    ? `The flag “${key}” already guards “${holder}”. A built-in flag guards one release at a time; choose another key.`
    : `The flag “${key}” already guards another release. A built-in flag guards one release at a time; choose another key.`;
  return new AppError("CONFLICT", message, { flagKey: [message] });
}

export async function assertFlagUnguarded(tx: Tx, releaseId: string, key: string, environment: string): Promise<void> {
  const holder = await tx.release.findFirst({
    where: { id: { not: releaseId }, flagProvider: "BUILTIN", flagKey: key, flagEnvironment: environment, status: { notIn: [...FINISHED] } },
    select: { title: true },
  });
  if (holder) throw flagTakenError(key, holder.title);
}

export function isFlagGuardViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; meta?: Record<string, unknown> };
  return (e?.code === "P2002" && JSON.stringify(e.meta ?? {}).includes(INDEX)) || (typeof e?.message === "string" && e.message.includes(INDEX));
}
