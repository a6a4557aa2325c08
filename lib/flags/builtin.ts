import type { Db } from "@/lib/db";
import type { FlagProvider, FlagRef, FlagState } from "@/lib/flags/types";

// Flags kept in Switchback's own PostgreSQL, served to applications over OFREP.
export function builtinProvider(db: Db): FlagProvider {
  async function read({ key, environment }: FlagRef): Promise<FlagState | null> {
    const flag = await db.flag.findUnique({
      where: { key_environment: { key, environment } },
      select: { enabled: true, updatedAt: true, updatedBy: { select: { name: true } } },
    });
    return flag && { enabled: flag.enabled, changedAt: flag.updatedAt, changedBy: flag.updatedBy?.name ?? null, readAt: new Date() };
  }
  return {
    kind: "BUILTIN",
    label: "Built-in",
    read,
    async check(flag) {
      const state = await read(flag);
      return state
        ? { ok: true, message: `The built-in flag ${flag.key} in ${flag.environment} answers: ${state.enabled ? "on" : "off"}.` }
        : { ok: false, message: `The built-in provider has no flag ${flag.key} in ${flag.environment}; save the flag settings to create it.` };
    },
  };
}
