import { StateBar } from "@/components/releases/state-bar";
import type { FlagPanelState } from "@/lib/flags/read-state";
import type { ReleaseStateView } from "@/lib/releases/state-queries";

// The state bar once the page's one flag read has answered (see flag-read.ts).
export async function StateBarFromRead({ state, flag }: { state: ReleaseStateView; flag: Promise<FlagPanelState> }) {
  return <StateBar state={state} flag={await flag} />;
}
