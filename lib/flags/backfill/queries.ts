import "server-only";
import { db } from "@/lib/db";
import { backfillKey } from "@/lib/flags/backfill/key";
import { lastBackfillChange } from "@/lib/flags/backfill/last-change";
import { readBackfillSwitch } from "@/lib/flags/backfill/switch";

// What the cockpit's Backfill panel shows, serialisable for the client component.
export interface BackfillPanelState {
  key: string;
  environment: string;
  paused: boolean;
  // The latest pause or resume of this switch; null while nobody has touched it.
  last: { paused: boolean; at: string; actor: string; reason: string | null; auto: boolean } | null;
}

// null when the release names no flag: the switch comes with the flag.
export async function getBackfillPanel(release: { id: string; flagKey: string; flagEnvironment: string }): Promise<BackfillPanelState | null> {
  if (!release.flagKey) return null;
  const key = backfillKey(release.flagKey);
  const [state, last] = await Promise.all([readBackfillSwitch(db, release.id), lastBackfillChange(db, release.id, key)]);
  return {
    key,
    environment: release.flagEnvironment,
    // No row yet (a flag saved before switches existed): running; the first pause makes it.
    paused: state?.paused ?? false,
    last: last && { ...last, at: last.at.toISOString() },
  };
}
