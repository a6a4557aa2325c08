import http from "node:http";

// Child process of idle-streams.ts: `count` consumers, each one bulk evaluation (its own consumer
// id) and then its event stream held open, reading and dropping the heartbeats. Lives in its own
// process so that the bench's memory is not mixed into what the server's costs.

interface Job {
  baseUrl: string;
  secret: string;
  environment: string;
  count: number;
}

async function streamUrlFor(job: Job, consumer: string): Promise<string> {
  const response = await fetch(`${job.baseUrl}/ofrep/v1/evaluate/flags`, {
    method: "POST",
    headers: { Authorization: `Bearer ${job.secret}`, "Content-Type": "application/json", "X-Switchback-Consumer": consumer },
    body: JSON.stringify({ context: { targetingKey: consumer, environment: job.environment } }),
  });
  const body = (await response.json()) as { eventStreams?: { type: string; url?: string }[] };
  const url = body.eventStreams?.find((s) => s.type === "sse")?.url;
  if (!url) throw new Error(`bulk evaluation (${response.status}) offered no event stream`);
  return url;
}

function open(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { Accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream answered ${response.statusCode}`));
      response.on("data", () => undefined);
      resolve();
    });
    request.on("error", reject);
  });
}

process.once("message", (job: Job) => {
  void (async () => {
    let opened = 0;
    const failures: string[] = [];
    const ids = Array.from({ length: job.count }, (_, i) => `idle-${i + 1}`);
    // 50 at a time: consumers arriving over a few seconds, not one burst of a thousand.
    for (let i = 0; i < ids.length; i += 50) {
      const results = await Promise.allSettled(ids.slice(i, i + 50).map(async (id) => open(await streamUrlFor(job, id))));
      for (const r of results) {
        if (r.status === "fulfilled") opened++;
        else failures.push(String(r.reason));
      }
    }
    process.send!({ opened, failures: failures.slice(0, 3) });
  })();
});
// The parent going away ends the streams with it.
process.once("disconnect", () => process.exit(0));
