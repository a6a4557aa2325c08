import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";

// CPU time another process has used (user + system), read from /proc/<pid>/stat, in seconds.

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name may hold spaces: the fields that follow start after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Share of one core `pid` used over `seconds` of wall time, as a percentage. */
export async function coreShare(pid: number, seconds: number): Promise<{ percent: number; cpu: number; wall: number }> {
  const [cpu0, wall0] = [await cpuSeconds(pid), performance.now()];
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const [cpu1, wall1] = [await cpuSeconds(pid), performance.now()];
  const wall = (wall1 - wall0) / 1000;
  return { percent: ((cpu1 - cpu0) / wall) * 100, cpu: cpu1 - cpu0, wall };
}
