import { checkStageSql } from "@/lib/lint/check";
import { applyStagePolicy } from "@/lib/lint/stage-policy";
import { splitStatements } from "@/lib/lint/parse-sql";
import type { StageKind } from "@/lib/lint/types";

// `node --import tsx scripts/bench/lint.ts [runs]`: how long the migration risk check takes on a
// large (~200 KB) stage SQL text, squawk included. Timings live here, never in tests.

const TARGET_BYTES = 200_000;
const runs = Number(process.argv[2] ?? 20);
// Lets the JIT settle first, so the figures describe a server that has been up for a while.
const WARM_UP_RUNS = 3;

function step(i: number): string {
  return [
    `-- step ${i}: move orders_${i}.note to the new shape; see 'ticket ${i}'`,
    `ALTER TABLE orders_${i} ADD COLUMN IF NOT EXISTS note_v2 text;`,
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_${i}_note_v2_idx ON orders_${i} (note_v2);`,
    `UPDATE orders_${i} SET note_v2 = note || E'\\n(moved; ${i})' WHERE id BETWEEN ${i * 1000} AND ${i * 1000 + 999};`,
    `ALTER TABLE orders_${i}\n  DROP COLUMN IF EXISTS note;`,
  ].join("\n");
}

function largeStageSql(): string {
  const steps = ["SET lock_timeout = '2s';"];
  for (let size = 0; size < TARGET_BYTES; size += steps[steps.length - 1]!.length + 1) steps.push(step(steps.length));
  return steps.join("\n");
}

async function time(label: string, task: () => unknown): Promise<void> {
  const samples: number[] = [];
  for (let warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) await task();
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(28)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   max ${at(1).padStart(7)} ms`);
}

async function main() {
  const sql = largeStageSql();
  const statements = splitStatements(sql).length;
  console.log(
    `Stage SQL: ${Buffer.byteLength(sql).toLocaleString("en-US")} bytes, ${sql.split("\n").length} lines, ${statements} statements; ${runs} runs each after ${WARM_UP_RUNS} warm-up runs.`,
  );
  await time("splitStatements", () => splitStatements(sql));
  await time("applyStagePolicy (CONTRACT)", () => applyStagePolicy("CONTRACT", sql));
  for (const stage of ["EXPAND", "MIGRATE", "CONTRACT"] satisfies StageKind[]) {
    const { findings, errors, warnings } = await checkStageSql(stage, sql);
    await time(`checkStageSql (${stage})`, () => checkStageSql(stage, sql));
    console.log(`${"".padEnd(28)} ${findings.length} findings, ${errors} errors, ${warnings} warnings`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
