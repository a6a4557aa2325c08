import { processIo } from "@/lib/cli/io";
import { run } from "@/lib/cli/program";

// The `switchback` command's entry (bin/switchback.mjs loads it). The exit code is the answer a
// pipeline branches on, so an unexpected crash is reported as "could not ask" (3), not as a stop.
try {
  process.exitCode = await run(process.argv.slice(2), processIo);
} catch (error) {
  process.stderr.write(`switchback: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 3;
}
