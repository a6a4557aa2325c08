#!/usr/bin/env node
// `npx switchback …`: the CLI is TypeScript (lib/cli/), run through tsx like the project's scripts.
// tsx is pointed at this package's tsconfig so its "@/…" paths resolve from any working directory.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../lib/cli/main.ts");
