import type { Page } from "@playwright/test";
import { build } from "esbuild";

// The stock web SDK and OFREP web provider, bundled as an application would ship them.
export async function webSdkBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { OpenFeature } from "@openfeature/web-sdk";
        import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
        window.startFlags = async ({ baseUrl, token, consumer }) => {
          await OpenFeature.setContext({ targetingKey: consumer, environment: "production" });
          await OpenFeature.setProviderAndWait(new OFREPWebProvider({ baseUrl, headers: [["Authorization", "Bearer " + token]], pollInterval: 0, cacheMode: "disabled" }));
          window.flags = OpenFeature.getClient();
        };`,
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
  });
  return result.outputFiles[0]!.text;
}

// What the page's stock client reads for `key` now (the default, true, when it has no answer).
export const pageFlagValue = (page: Page, key: string) =>
  page.evaluate((flagKey) => (window as unknown as { flags: { getBooleanValue(k: string, d: boolean): boolean } }).flags.getBooleanValue(flagKey, true), key);
