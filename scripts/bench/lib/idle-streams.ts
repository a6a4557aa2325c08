import { fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), "idle-streams-child.ts");

// Opens `count` idle OFREP event streams from a child process; resolves once they are open.
export async function openIdleStreams(job: { baseUrl: string; secret: string; environment: string; count: number }) {
  const child = fork(CHILD, [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const result = await new Promise<{ opened: number; failures: string[] }>((resolve, reject) => {
    child.once("message", (message) => resolve(message as { opened: number; failures: string[] }));
    child.once("exit", (code) => reject(new Error(`the stream child exited (${code})`)));
    child.send(job);
  });
  return {
    ...result,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
