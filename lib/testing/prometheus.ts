import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/lib/net";

// A real Prometheus and a tiny exporter for it to scrape, both on loopback, for integration tests.

const PROMETHEUS_BINARY = "/usr/bin/prometheus";
const READY_TIMEOUT_MS = 30_000;

export async function startPrometheus({ targets }: { targets: string[] }): Promise<{ url: string; stop(): Promise<void> }> {
  if (!existsSync(PROMETHEUS_BINARY)) {
    throw new Error(`${PROMETHEUS_BINARY} is missing; install it with: apt-get install -y --no-install-recommends prometheus`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), "switchback-prometheus-"));
  // JSON is valid YAML, so the config needs no YAML library.
  const config = {
    global: { scrape_interval: "1s", evaluation_interval: "1s" },
    scrape_configs: [{ job_name: "switchback-test", static_configs: [{ targets }] }],
  };
  await writeFile(path.join(dir, "prometheus.yml"), JSON.stringify(config));
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(force);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Prometheus exited while starting (code ${child.exitCode}): ${output}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`Prometheus was not ready within ${READY_TIMEOUT_MS / 1000} s: ${output}`);
}

/** Serves gauges in the Prometheus text format; a gauge never set is simply absent. */
export async function startExporter(): Promise<{ target: string; set(name: string, value: number): void; stop(): Promise<void> }> {
  const gauges = new Map<string, number>();
  const server = http.createServer((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end();
      return;
    }
    const body = [...gauges].map(([name, value]) => `# TYPE ${name} gauge\n${name} ${value}\n`).join("");
    response.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    target: `127.0.0.1:${port}`,
    set: (name, value) => void gauges.set(name, value),
    async stop() {
      // Prometheus keeps its scrape connection open; close() alone would wait for it forever.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
