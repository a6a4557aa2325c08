import type { FlagProvider, FlagRef, FlagState } from "@/lib/flags/types";

// Unleash through its Admin API. The token stays on the server.

export interface UnleashConfig {
  url: string;
  token: string;
  project: string;
  timeoutMs: number;
}

export class UnleashUnavailable extends Error {}

async function call(config: UnleashConfig, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(new URL(path, config.url.endsWith("/") ? config.url : `${config.url}/`), {
      ...init,
      headers: { Authorization: config.token, "Content-Type": "application/json", ...init.headers },
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const seconds = config.timeoutMs / 1000;
    throw new UnleashUnavailable(
      (error as Error).name === "TimeoutError" ? `Unleash did not answer in ${seconds} s` : `Unleash could not be reached (${(error as Error).message})`,
    );
  }
}

export function unleashProvider(config: UnleashConfig): FlagProvider {
  async function read({ key, environment }: FlagRef): Promise<FlagState | null> {
    const response = await call(config, `api/admin/projects/${encodeURIComponent(config.project)}/features/${encodeURIComponent(key)}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new UnleashUnavailable(`Unleash answered ${response.status} ${response.statusText}`);
    const feature = (await response.json()) as { environments?: { name: string; enabled: boolean }[] };
    const env = feature.environments?.find((e) => e.name === environment);
    if (!env) return null;
    return { enabled: env.enabled, changedAt: null, changedBy: null, readAt: new Date() };
  }
  return {
    kind: "UNLEASH",
    label: "Unleash",
    read,
    async check(flag) {
      try {
        const state = await read(flag);
        return state
          ? { ok: true, message: `Unleash answers: ${flag.key} is ${state.enabled ? "on" : "off"} in ${flag.environment}.` }
          : { ok: false, message: `Unleash has no flag ${flag.key} in the environment ${flag.environment}.` };
      } catch (error) {
        return { ok: false, message: `${(error as Error).message}.` };
      }
    },
  };
}
