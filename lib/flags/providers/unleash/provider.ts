import { STATUS_CODES } from "node:http";
import { env } from "@/lib/env";
import { FLAG_PROVIDER_LABEL } from "@/lib/flags/providers/catalog";
import { FlagProviderUnavailable, type FlagProvider, type FlagProviderPlugin, type FlagRef, type FlagState } from "@/lib/flags/providers/types";

// Unleash through its Admin API. The token stays on the server: it goes into the Authorization
// header and nowhere else, never into a message.

export interface UnleashConfig {
  url: string;
  token: string;
  project: string;
  timeoutMs: number;
}

const NOT_CHANGED = "the flag was not changed";
const UNCONFIRMED = "Switchback could not confirm whether the flag changed; check Unleash";
const TOGGLE_EVENTS = "IS_ANY_OF:feature-environment-enabled,feature-environment-disabled";

// Why a request failed, e.g. "Unleash did not answer in 3 s"; callers finish the sentence with
// what happened to the flag.
class UnleashFailure extends Error {}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  UND_ERR_SOCKET: "connection closed",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

function networkReason(error: unknown): string {
  // undici hides the socket error in `cause`; with several addresses it is an AggregateError.
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  return code ? (NETWORK_ERRORS[code] ?? code) : (error as Error).message;
}

async function call(config: UnleashConfig, path: string, method: "GET" | "POST" = "GET"): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(new URL(path, config.url.endsWith("/") ? config.url : `${config.url}/`), {
      method,
      headers: { Authorization: config.token, Accept: "application/json" },
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    // Read the body under the same timeout: a server can send headers and then stall.
    const body = await response.text();
    if (response.ok || response.status === 404) return { status: response.status, body };
    throw new UnleashFailure(`Unleash answered ${response.status} ${response.statusText || STATUS_CODES[response.status] || ""}`.trim());
  } catch (error) {
    if (error instanceof UnleashFailure) throw error;
    if ((error as Error).name === "TimeoutError") throw new UnleashFailure(`Unleash did not answer in ${config.timeoutMs / 1000} s`);
    throw new UnleashFailure(`Unleash could not be reached (${networkReason(error)})`);
  }
}

function parse<T>(body: string): T {
  try {
    return JSON.parse(body) as T;
  } catch {
    throw new UnleashFailure("Unleash answered with something other than JSON");
  }
}

function unavailable(error: unknown, outcome?: string): never {
  if (error instanceof UnleashFailure) throw new FlagProviderUnavailable(outcome ? `${error.message} — ${outcome}` : `${error.message}.`);
  throw error;
}

export function unleashProvider(config: UnleashConfig): FlagProvider {
  const featurePath = (key: string) => `api/admin/projects/${encodeURIComponent(config.project)}/features/${encodeURIComponent(key)}`;

  // null when the project, the flag or its environment does not exist.
  async function readEnabled({ key, environment }: FlagRef): Promise<boolean | null> {
    const { status, body } = await call(config, featurePath(key));
    if (status === 404) return null;
    const feature = parse<{ environments?: { name: string; enabled: boolean }[] }>(body);
    return feature.environments?.find((e) => e.name === environment)?.enabled ?? null;
  }

  // Who toggled it last and when, from Unleash's event log. Only a courtesy next to the state, so
  // a failure here leaves the two fields empty instead of failing the read.
  async function lastToggle({ key, environment }: FlagRef): Promise<Pick<FlagState, "changedAt" | "changedBy">> {
    const query = new URLSearchParams({ feature: `IS:${key}`, environment: `IS:${environment}`, type: TOGGLE_EVENTS, limit: "1" });
    try {
      const { status, body } = await call(config, `api/admin/search/events?${query}`);
      const event = status === 200 ? parse<{ events?: { createdAt?: string; createdBy?: string }[] }>(body).events?.[0] : undefined;
      return { changedAt: event?.createdAt ? new Date(event.createdAt) : null, changedBy: event?.createdBy ?? null };
    } catch (error) {
      if (error instanceof UnleashFailure) return { changedAt: null, changedBy: null };
      throw error;
    }
  }

  async function stateOf(flag: FlagRef, enabled: boolean): Promise<FlagState> {
    return { enabled, ...(await lastToggle(flag)), readAt: new Date() };
  }

  async function read(flag: FlagRef): Promise<FlagState | null> {
    const enabled = await readEnabled(flag).catch((error: unknown) => unavailable(error));
    return enabled === null ? null : stateOf(flag, enabled);
  }

  return {
    kind: "UNLEASH",
    label: FLAG_PROVIDER_LABEL.UNLEASH,
    describe: (flag) => `${flag.key} in ${flag.environment} (${FLAG_PROVIDER_LABEL.UNLEASH})`,
    read,
    async health(flag) {
      try {
        const state = await read(flag);
        return state
          ? { ok: true, message: `Unleash answers: ${flag.key} is ${state.enabled ? "on" : "off"} in ${flag.environment}.` }
          : { ok: false, message: `Unleash has no flag ${flag.key} in the environment ${flag.environment}.` };
      } catch (error) {
        return { ok: false, message: error instanceof FlagProviderUnavailable ? error.message : "Unleash could not be checked." };
      }
    },
    // Unleash records the API token's name as the author, so `actor` is Switchback's to record.
    async set(flag, expected, next) {
      const current = await readEnabled(flag).catch((error: unknown) => unavailable(error, NOT_CHANGED));
      if (current === null) return { kind: "missing" };
      if (current !== expected) return { kind: "conflict", state: await stateOf(flag, current) };

      const toggle = `${featurePath(flag.key)}/environments/${encodeURIComponent(flag.environment)}/${next ? "on" : "off"}`;
      let failure: UnleashFailure | null = null;
      try {
        const { status } = await call(config, toggle, "POST");
        if (status === 404) failure = new UnleashFailure("Unleash answered 404 Not Found");
      } catch (error) {
        if (!(error instanceof UnleashFailure)) throw error;
        failure = error;
      }
      // A failed or timed-out POST may still have landed: the read-back says which.
      let after: boolean | null;
      try {
        after = await readEnabled(flag);
      } catch (error) {
        // Unleash acknowledged the change; only its confirmation could not be read.
        if (!failure) return { kind: "applied", state: { enabled: next, changedAt: null, changedBy: null, readAt: new Date() } };
        unavailable(error instanceof UnleashFailure ? failure : error, UNCONFIRMED);
      }
      if (after === null) return { kind: "missing" };
      if (failure && after !== next) unavailable(failure, NOT_CHANGED);
      return { kind: "applied", state: await stateOf(flag, after) };
    },
  };
}

// Reached with the server's own Admin API token (UNLEASH_URL, UNLEASH_API_TOKEN, UNLEASH_PROJECT).
export const unleash: FlagProviderPlugin = {
  kind: "UNLEASH",
  unconfigured: () => (env.UNLEASH_URL && env.UNLEASH_API_TOKEN ? null : "Unleash is not configured on this server: set UNLEASH_URL and UNLEASH_API_TOKEN."),
  create: () => unleashProvider({ url: env.UNLEASH_URL ?? "", token: env.UNLEASH_API_TOKEN ?? "", project: env.UNLEASH_PROJECT, timeoutMs: 3_000 }),
};
