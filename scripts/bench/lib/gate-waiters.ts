import http from "node:http";
import type { GateRelease } from "./gate-releases";

// Pipelines long-polling the Migrate gate: one request per release, wait=900, over a keep-alive
// agent with a socket each (node:http, not fetch: undici gives up on headers after 300 s, a
// pipeline's 15 minutes are longer). Each answer is timed when its body has fully arrived.

export interface GateAnswer {
  status: number;
  at: number; // performance.now() when the body ended
  body: string;
}

export interface GateWaiters {
  // Requests sent and not answered yet.
  pending(): number;
  answered: Map<string, GateAnswer>;
  failures: string[];
  // Resolves with the answer for this release (at once if it is in).
  answer(releaseId: string): Promise<GateAnswer>;
  close(): void;
}

export function openGateWaiters(baseUrl: string, releases: GateRelease[], waitSeconds: number, stage = "migrate"): GateWaiters {
  const agent = new http.Agent({ keepAlive: true, maxSockets: releases.length });
  const answered = new Map<string, GateAnswer>();
  const failures: string[] = [];
  const listeners = new Map<string, (answer: GateAnswer) => void>();
  for (const release of releases) {
    const url = `${baseUrl}/api/v1/releases/${release.id}/gate?stage=${stage}&wait=${waitSeconds}`;
    const request = http.get(url, { agent, headers: { Authorization: `Bearer ${release.secret}` } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        const answer = { status: response.statusCode ?? 0, at: performance.now(), body };
        answered.set(release.id, answer);
        listeners.get(release.id)?.(answer);
      });
    });
    request.on("error", (error) => failures.push(`${release.id}: ${error.message}`));
  }
  return {
    pending: () => releases.length - answered.size - failures.length,
    answered,
    failures,
    answer(releaseId) {
      const done = answered.get(releaseId);
      return done ? Promise.resolve(done) : new Promise((resolve) => listeners.set(releaseId, resolve));
    },
    close: () => agent.destroy(),
  };
}
