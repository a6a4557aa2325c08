import type { Env } from "@/lib/env";
import { formatDemoLogins, loadDemoLogins } from "./demo-logins";
import { seedsDemo } from "./app-database";

// What `npm start` and `npm run cluster` print once the one URL answers.
export async function printWelcome(env: Env, dataDir: string, url: string, say: (line?: string) => void): Promise<void> {
  say();
  say(`Switchback is running at ${url}`);
  const { currentAuditKey, publicKeyText } = await import("@/lib/audit/keys");
  say(`Audit checkpoints are signed with Ed25519 key ${currentAuditKey().id}; public key (SPKI, base64): ${publicKeyText(currentAuditKey())}`);
  const logins = await loadDemoLogins(dataDir);
  if (logins.length && seedsDemo(env)) {
    say();
    say("Demo logins (for this embedded demo only): role, email, password");
    say(formatDemoLogins(logins));
  }
  say();
  say("Press Ctrl-C to stop.");
}

// The host people type: a wildcard address is not one.
export const shownHost = (host: string | undefined) => (!host || host === "0.0.0.0" || host === "::" ? "localhost" : host);
