import { build } from "esbuild";

// The stock OpenFeature web SDK and OFREP web provider as one script a browser page can load, the
// way an application would ship them: bundled, unmodified. The page reaches them through
// `globalThis.OFREPBench`.
export async function webProviderBundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        'import { OpenFeature, ProviderEvents } from "@openfeature/web-sdk";',
        'import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";',
        "globalThis.OFREPBench = { OpenFeature, ProviderEvents, OFREPWebProvider };",
      ].join("\n"),
      resolveDir: process.cwd(),
      loader: "js",
    },
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
