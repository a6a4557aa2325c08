import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "@/lib/net";

// `npm start` as a person uses it: a second instance of the start script with its own data
// folder, stopped the way Ctrl-C stops it (SIGINT to the whole process group).

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1", ...env },
    detached: true, // its own process group, like a terminal's foreground job
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(started: Started, text: string, ms = 120_000) {
  await expect.poll(started.output, { timeout: ms, message: `waiting for "${text}"` }).toContain(text);
}

function processesUsing(dir: string): string[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      } catch {
        return "";
      }
    })
    .filter((cmd) => cmd.includes(dir));
}

test.describe("npm start", () => {
  test.describe.configure({ timeout: 240_000 });

  test("Ctrl-C leaves no PostgreSQL behind and the next start reuses the data", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "switchback-start-"));
    const env = { SWITCHBACK_DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    try {
      const first = start(env);
      await waitFor(first, "Press Ctrl-C to stop.");
      expect(first.output()).toContain("Seeded the demo release");
      const logins = first.output().match(/^ {2}(viewer|operator|admin) .*$/gm);
      expect(logins).toHaveLength(4);
      expect(processesUsing(dataDir).some((cmd) => cmd.includes("postgres"))).toBe(true);

      process.kill(-first.child.pid!, "SIGINT");
      expect(await first.exited).toBe(0);
      expect(processesUsing(dataDir)).toEqual([]);

      const second = start(env);
      await waitFor(second, "Press Ctrl-C to stop.");
      expect(second.output()).not.toContain("Seeded the demo release");
      expect(second.output()).not.toContain("Applied");
      expect(second.output().match(/^ {2}(viewer|operator|admin) .*$/gm)).toEqual(logins);
      const health = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`);
      expect(health.status).toBe(200);

      process.kill(-second.child.pid!, "SIGINT");
      expect(await second.exited).toBe(0);
      expect(processesUsing(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("a busy port gets one plain sentence", async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const started = start({ PORT: String(port), SWITCHBACK_DATA_DIR: path.join(tmpdir(), "switchback-unused") });
      expect(await started.exited).toBe(1);
      expect(started.output().trim()).toBe(`Port ${port} is already in use; stop what uses it or start on another port with PORT=${port + 1} npm start.`);
    } finally {
      blocker.close();
    }
  });

  test("a database it cannot reach gets one plain sentence", async () => {
    const dead = await freePort();
    const started = start({ PORT: String(await freePort()), DATABASE_URL: `postgresql://app:pw@127.0.0.1:${dead}/switchback` });
    expect(await started.exited).toBe(1);
    const lines = started.output().trim().split("\n");
    expect(lines.at(-1)).toBe(`Cannot reach PostgreSQL at 127.0.0.1:${dead} (ECONNREFUSED); check DATABASE_URL and that the server is running.`);
    expect(started.output()).not.toMatch(/\n\s+at /);
  });

  test("a bad variable is named", async () => {
    const started = start({ PORT: "eighty" });
    expect(await started.exited).toBe(1);
    expect(started.output().trim()).toMatch(/^Invalid environment: PORT must be .*\(got "eighty"\)$/);
  });
});
