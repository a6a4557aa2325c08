import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "@/lib/input/zod";
import { plainParserWords } from "@/lib/lint/parser-words";
import type { Finding } from "@/lib/lint/types";

// Runs the real squawk binary over stage SQL piped on stdin and turns its JSON report into findings.
// A broken or missing binary is a server fault (thrown); anything the SQL itself causes — a syntax
// error, or squawk giving up on a pathological text — comes back as findings.

// Rules left out: the stage policy owns the lock_timeout warning; prefer-robust-stmts fires on nearly
// every statement and asks for a transaction that CREATE INDEX CONCURRENTLY must not run in; a
// statement_timeout would cancel long CONCURRENTLY builds and batched backfills halfway.
const EXCLUDED_RULES = ["require-lock-timeout", "prefer-robust-stmts", "require-statement-timeout"];
const TIMEOUT_MS = 5_000;

const reportSchema = z.array(
  z.object({
    line: z.number().int().min(0),
    level: z.string(),
    message: z.string(),
    help: z.string().nullish(),
    rule_name: z.string(),
  }),
);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  timedOut: boolean;
}

let binary: string | undefined;

// squawk-cli's JS shim locates the binary from its platform package; calling the binary directly
// saves starting a second Node process per check.
function squawkBinary(): string {
  if (!binary) {
    const fromApp = createRequire(path.join(process.cwd(), "package.json"));
    const shim = fromApp("squawk-cli/js/index.js") as { getBinaryPath(): string };
    binary = shim.getBinaryPath();
  }
  return binary;
}

function run(sql: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A neutral working directory, so a stray .squawk.toml up the tree cannot change the rules.
    const child = spawn(squawkBinary(), ["--reporter", "json", `--exclude=${EXCLUDED_RULES.join(",")}`], {
      cwd: tmpdir(),
      stdio: ["pipe", "pipe", "ignore"],
      timeout: TIMEOUT_MS,
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    // squawk may exit before reading all of a text it cannot handle; the exit code tells the story.
    child.stdin.on("error", () => undefined);
    child.on("close", (code, signal) => {
      resolve({ code, signal, stdout: Buffer.concat(chunks).toString("utf8"), timedOut: child.killed && signal === "SIGTERM" });
    });
    child.stdin.end(sql);
  });
}

function parseReport(outcome: Run) {
  if (outcome.code !== 0 && outcome.code !== 1) return undefined;
  try {
    const parsed = reportSchema.safeParse(JSON.parse(outcome.stdout));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function toFindings(report: z.infer<typeof reportSchema>): Finding[] {
  const syntaxLines = new Set<number>();
  const findings: Finding[] = [];
  for (const item of report) {
    const line = item.line + 1;
    if (item.rule_name === "syntax-error") {
      // squawk reports every token it trips over; one error per line says it clearly enough.
      if (syntaxLines.has(line)) continue;
      syntaxLines.add(line);
      findings.push({
        rule: "syntax-error",
        line,
        severity: "error",
        message: `Line ${line} does not parse: ${plainParserWords(item.message.replace(/\.$/, ""))}.`,
        advice: "Fix this first: the rest of the SQL is checked once it parses.",
        source: "squawk",
      });
    } else {
      const severity = item.level.toLowerCase() === "error" ? "error" : "warning";
      findings.push({ rule: item.rule_name, line, severity, message: item.message, advice: item.help ?? undefined, source: "squawk" });
    }
  }
  return findings;
}

function notChecked(outcome: Run): Finding {
  const why = outcome.timedOut ? `took longer than ${TIMEOUT_MS / 1000} s` : "stopped without an answer";
  return {
    rule: "squawk-failed",
    line: 1,
    severity: "error",
    message: `squawk could not check this SQL: it ${why}, so only Switchback's stage policy was applied.`,
    advice: "Split the SQL into smaller pieces or simplify deeply nested expressions.",
    source: "squawk",
  };
}

export async function runSquawk(sql: string): Promise<Finding[]> {
  const outcome = await run(sql);
  const report = parseReport(outcome);
  if (report) return toFindings(report);
  // Blame the SQL only when squawk still answers for a trivial one; otherwise the binary is broken.
  const probe = await run("SELECT 1;");
  if (!parseReport(probe)) {
    throw new Error(`squawk is not working (exit code ${probe.code}, signal ${probe.signal}, output ${JSON.stringify(probe.stdout.slice(0, 200))}).`);
  }
  return [notChecked(outcome)];
}
