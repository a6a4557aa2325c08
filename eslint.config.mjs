import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Next's rules (React, hooks, a11y, typescript-eslint) plus what the house asks for: no import
// cycles, no unused code. Generated code and build output are not ours to lint.
export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // lib/input/zod.ts configures zod before any schema is built (our CSP forbids eval).
      "no-restricted-imports": ["error", { paths: [{ name: "zod", message: 'Import z from "@/lib/input/zod" (it turns off zod\'s eval under our CSP).' }] }],
    },
  },
  {
    files: ["lib/input/zod.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Server components render once per request: the request's time is an input, not impurity.
    files: ["app/**/page.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  {
    // Playwright fixtures call their `use` callback; they are not React hooks.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([".next/**", "lib/generated/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**", ".peers/**"]),
]);
