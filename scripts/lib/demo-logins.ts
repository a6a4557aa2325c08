import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DemoLogin } from "@/prisma/seed";

// Demo passwords are generated at seed time and kept only in the data folder, never in the repo.

const file = (dataDir: string) => path.join(dataDir, "demo-logins.json");

export async function saveDemoLogins(dataDir: string, logins: DemoLogin[]) {
  await writeFile(file(dataDir), JSON.stringify(logins, null, 2), { mode: 0o600 });
}

export async function loadDemoLogins(dataDir: string): Promise<DemoLogin[]> {
  if (!existsSync(file(dataDir))) return [];
  return JSON.parse(await readFile(file(dataDir), "utf8")) as DemoLogin[];
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const width = Math.max(...logins.map((login) => login.email.length));
  return logins.map((login) => `  ${login.role.toLowerCase().padEnd(9)} ${login.email.padEnd(width)}  ${login.password}`).join("\n");
}
