import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

// `npm start` builds only when the sources changed since the last build it made.

const INPUTS = [
  "app",
  "components",
  "lib",
  "prisma/schema.prisma",
  "package.json",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "instrumentation.ts",
];
const STAMP = path.join(".next", "switchback-build.json");

async function walk(entry: string, out: string[]) {
  if (!existsSync(entry)) return;
  const info = await stat(entry);
  if (!info.isDirectory()) {
    out.push(`${entry}:${info.size}:${Math.trunc(info.mtimeMs)}`);
    return;
  }
  for (const child of (await readdir(entry)).sort()) await walk(path.join(entry, child), out);
}

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const input of INPUTS) await walk(input, parts);
  return createHash("sha256").update(parts.join("\n")).digest("hex");
}

export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  const current = await fingerprint();
  const previous = existsSync(STAMP) ? JSON.parse(await readFile(STAMP, "utf8")).fingerprint : null;
  if (previous === current && existsSync(path.join(".next", "BUILD_ID"))) return;

  log("Building Switchback (the first start takes a minute or two)…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed:\n${output}`))));
  });
  await writeFile(STAMP, JSON.stringify({ fingerprint: current }));
}
