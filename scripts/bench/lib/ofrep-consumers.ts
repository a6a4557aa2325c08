import { EventSource } from "eventsource";
import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OpenFeature as ServerOpenFeature } from "@openfeature/server-sdk";

// Stock OpenFeature consumers of one Switchback flag, each reporting every change of the value it
// reads with the wall-clock moment it read it (this process and a browser page on the same machine
// share that clock; performance.now() alone would not cross into the page).

export const wallNow = () => performance.timeOrigin + performance.now();

export interface Target {
  baseUrl: string;
  secret: string;
  flagKey: string;
  environment: string;
}

// Every consumer's readings, recorded only when its value changes.
export class Watch {
  private readings = new Map<string, { value: boolean; at: number }[]>();

  record(name: string, value: boolean, at: number) {
    const list = this.readings.get(name) ?? [];
    if (list.at(-1)?.value !== value) list.push({ value, at });
    this.readings.set(name, list);
  }

  current(name: string): boolean | undefined {
    return this.readings.get(name)?.at(-1)?.value;
  }

  // ms from t0 to the first reading of `value` at or after t0.
  latency(name: string, value: boolean, t0: number): number | undefined {
    const hit = this.readings.get(name)?.find((r) => r.value === value && r.at >= t0);
    return hit && hit.at - t0;
  }

  // Waits until every named consumer has read `value` since t0; returns each one's latency
  // (missing for those that did not within the timeout).
  async until(names: string[], value: boolean, t0: number, timeoutMs: number): Promise<Map<string, number>> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const out = new Map<string, number>();
      for (const name of names) {
        const ms = this.latency(name, value, t0);
        if (ms !== undefined) out.set(name, ms);
      }
      if (out.size === names.length || performance.now() > deadline) return out;
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}

const headersFor = (target: Target, consumer: string): [string, string][] => [
  ["Authorization", `Bearer ${target.secret}`],
  ["X-Switchback-Consumer", consumer],
];

// Stock web providers in this Node process, one OpenFeature domain each, with the `eventsource`
// package standing in for the browser's EventSource. Returns a count of their open event streams.
export async function startNodeWebConsumers(count: number, target: Target, watch: Watch, prefix = "node-web") {
  (globalThis as { EventSource?: unknown }).EventSource ??= EventSource;
  // Loaded after the global is set: the provider takes EventSource from it when it connects.
  const { OpenFeature, ProviderEvents } = await import("@openfeature/web-sdk");
  const { OFREPWebProvider } = await import("@openfeature/ofrep-web-provider");
  const providers: InstanceType<typeof OFREPWebProvider>[] = [];
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  await Promise.all(
    names.map(async (name) => {
      const provider = new OFREPWebProvider({ baseUrl: target.baseUrl, headers: headersFor(target, name), cacheMode: "disabled" });
      providers.push(provider);
      await OpenFeature.setProviderAndWait(name, provider, { targetingKey: name, environment: target.environment });
      const client = OpenFeature.getClient(name);
      const read = () => {
        // An error reads the default: it is not an answer, so it is not recorded as OFF.
        const details = client.getBooleanDetails(target.flagKey, false);
        if (!details.errorCode) watch.record(name, details.value, wallNow());
      };
      read();
      client.addHandler(ProviderEvents.ConfigurationChanged, read);
    }),
  );
  return {
    names,
    // The provider keeps its stream manager private; reading it only counts, it changes nothing.
    streamsOpen: () => providers.filter((p) => (p as unknown as { _sseManager?: { isConnected: boolean } })._sseManager?.isConnected).length,
    close: () => OpenFeature.close(),
  };
}

// The stock Node server provider evaluates each call over HTTP. The loop stands for an application
// serving 100 requests a second, each evaluating the flag once: a call every 10 ms (the next one
// sooner when a call took longer). Back to back it ran ~540 calls/s, a load no application puts on
// its flag service, and it competed with the flip it measures; a 10 ms gap adds up to 10 ms to
// this consumer's latency, which counts against the budget.
const EVERY_MS = 10;

export async function startNodeServerConsumer(target: Target, watch: Watch, name = "node-server") {
  await ServerOpenFeature.setProviderAndWait(name, new OFREPProvider({ baseUrl: target.baseUrl, headers: headersFor(target, name) }));
  const client = ServerOpenFeature.getClient(name);
  const context = { targetingKey: name, environment: target.environment };
  let running = true;
  let evaluations = 0;
  let errors = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const details = await client.getBooleanDetails(target.flagKey, false, context);
      if (details.errorCode) errors++;
      else watch.record(name, details.value, wallNow());
      evaluations++;
      const rest = EVERY_MS - (performance.now() - started);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    }
  })();
  return {
    name,
    counts: () => ({ evaluations, errors }),
    async close() {
      running = false;
      await loop;
      await ServerOpenFeature.close();
    },
  };
}
