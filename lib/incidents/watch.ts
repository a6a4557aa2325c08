import type { Db } from "@/lib/db";
import { getFlagProvider } from "@/lib/flags/providers/registry";
import type { FlagProviderKind } from "@/lib/flags/providers/types";
import { FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import { tickFlagStep } from "@/lib/incidents/flag-step";

// A flag turned off outside Switchback (Unleash's own console, an API call) still ticks the
// runbook's flag step: the leader reads the provider for every incident whose step is open.
export async function watchFlagSteps(db: Db): Promise<number> {
  const open = await db.$queryRaw<{ release_id: string; provider: FlagProviderKind; key: string; environment: string }[]>`
    SELECT DISTINCT i.release_id, r.flag_provider::text AS provider, r.flag_key AS key, r.flag_environment AS environment
      FROM incidents i
      JOIN incident_steps s ON s.incident_id = i.id AND s.auto_check = 'FLAG_OFF' AND s.done_at IS NULL
      JOIN releases r ON r.id = i.release_id
     WHERE i.ended_at IS NULL AND r.flag_key <> ''`;
  let ticked = 0;
  for (const release of open) {
    const state = await getFlagProvider(release.provider, db)
      ?.read({ key: release.key, environment: release.environment })
      .catch(() => null);
    if (!state || state.enabled) continue;
    ticked += await db.$transaction((tx) => tickFlagStep(tx, release.release_id, FLAG_PROVIDER_LABEL[release.provider]));
  }
  return ticked;
}
