import type { Browser } from "@playwright/test";
import type { Target, Watch } from "./ofrep-consumers";
import { webProviderBundle } from "./web-provider-bundle";

// Stock web providers in a real Chromium page on another origin (about:blank), as an application's
// front end would run them: one OpenFeature domain per provider, each with its own options. The
// page reports every change of the value it reads, stamped with its own Date.now().

export interface PageConsumer {
  name: string;
  options: Record<string, unknown>;
}

interface PageSetup extends Target {
  consumers: PageConsumer[];
}

declare const OFREPBench: {
  OpenFeature: typeof import("@openfeature/web-sdk").OpenFeature;
  ProviderEvents: typeof import("@openfeature/web-sdk").ProviderEvents;
  OFREPWebProvider: typeof import("@openfeature/ofrep-web-provider").OFREPWebProvider;
};
declare function reportValue(name: string, value: boolean, at: number): void;

export async function startBrowserConsumers(browser: Browser, target: Target, consumers: PageConsumer[], watch: Watch) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`consumer page: ${error.message}`));
  await page.exposeFunction("reportValue", (name: string, value: boolean, at: number) => watch.record(name, value, at));
  await page.addScriptTag({ content: await webProviderBundle() });
  // tsx compiles the functions below with esbuild's keepNames, which calls a helper the page lacks.
  await page.evaluate("globalThis.__name = (fn) => fn");
  const setup: PageSetup = { ...target, consumers };
  await page.evaluate(async ({ baseUrl, secret, flagKey, environment, consumers }: PageSetup) => {
    const { OpenFeature, ProviderEvents, OFREPWebProvider } = OFREPBench;
    await Promise.all(
      consumers.map(async ({ name, options }) => {
        const headers: [string, string][] = [
          ["Authorization", `Bearer ${secret}`],
          ["X-Switchback-Consumer", name],
        ];
        const provider = new OFREPWebProvider({ baseUrl, headers, cacheMode: "disabled", ...options });
        (globalThis as unknown as Record<string, unknown>)[`provider:${name}`] = provider;
        await OpenFeature.setProviderAndWait(name, provider, { targetingKey: name, environment });
        const client = OpenFeature.getClient(name);
        const read = () => {
          const details = client.getBooleanDetails(flagKey, false);
          if (!details.errorCode) reportValue(name, details.value, Date.now());
        };
        read();
        client.addHandler(ProviderEvents.ConfigurationChanged, read);
      }),
    );
  }, setup);
  return {
    page,
    // Whether each provider holds an open event stream (its manager is private; this only reads it).
    streamsOpen: () =>
      page.evaluate(
        (names) =>
          names.filter((name) => {
            const provider = (globalThis as unknown as Record<string, { _sseManager?: { isConnected: boolean } }>)[`provider:${name}`];
            return provider?._sseManager?.isConnected;
          }).length,
        consumers.map((c) => c.name),
      ),
    close: () => context.close(),
  };
}
