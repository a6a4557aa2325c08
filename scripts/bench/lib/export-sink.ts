import pg from "pg";
import { auditExportStream } from "@/lib/audit/log/export";
import { memoryKb, sampleRss } from "./proc";

// `node --import tsx scripts/bench/lib/export-sink.ts <database-url> [csv|json]`: the audit export
// module alone, in a bare Node process, streaming the whole trail into a sink that discards it.
// Prints one JSON line; separates the export's own memory from the Next.js server's baseline.

async function main() {
  const [url, format = "csv"] = process.argv.slice(2);
  if (!url || (format !== "csv" && format !== "json")) throw new Error("usage: export-sink.ts <database-url> [csv|json]");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await pool.query("SELECT 1");
  const baseline = await memoryKb(process.pid);
  const sampler = sampleRss(process.pid);
  const started = performance.now();
  let bytes = 0;
  let lines = 0;
  const reader = auditExportStream(pool, {}, format).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
  }
  const ms = performance.now() - started;
  const { peakKb, samples } = await sampler.stop();
  const { hwm } = await memoryKb(process.pid);
  await pool.end();
  process.stdout.write(`${JSON.stringify({ ms, bytes, lines, baselineKb: baseline.rss, peakKb, hwmKb: hwm, samples })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
