import { FLAG_PROVIDER_LABEL } from "@/lib/format/labels";
import { resolveFlagProvider } from "@/lib/flags/providers/registry";
import type { FlagProviderKind } from "@/lib/flags/providers/types";

export interface FlagPanelState {
  provider: string;
  key: string;
  environment: string;
  enabled: boolean | null;
  readAt: string;
  changedBy: string | null;
  changedAt: string | null;
  problem: string | null;
}

// The state as the provider reports it right now, or why it could not be read.
export async function readFlagState(kind: FlagProviderKind, key: string, environment: string): Promise<FlagPanelState> {
  const base = { provider: FLAG_PROVIDER_LABEL[kind], key, environment, readAt: new Date().toISOString(), changedBy: null, changedAt: null };
  if (!key) return { ...base, enabled: null, problem: "No feature flag is configured for this release." };
  const { provider, problem } = resolveFlagProvider(kind);
  if (!provider) return { ...base, enabled: null, problem };
  try {
    const state = await provider.read({ key, environment });
    if (!state) return { ...base, enabled: null, problem: `${base.provider} has no flag ${key} in ${environment}.` };
    return {
      ...base,
      enabled: state.enabled,
      readAt: state.readAt.toISOString(),
      changedBy: state.changedBy,
      changedAt: state.changedAt?.toISOString() ?? null,
      problem: null,
    };
  } catch (error) {
    return { ...base, enabled: null, problem: `${(error as Error).message}.`.replace(/\.\.$/, ".") };
  }
}
