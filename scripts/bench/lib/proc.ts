import { readdir, readFile, readlink } from "node:fs/promises";

// Memory of another process on Linux, read from /proc: which process serves a port, and its
// resident set size sampled over time (VmRSS) plus the kernel's own high-water mark (VmHWM).

// The process that owns the listening socket on `port` (the Next.js server, whatever wraps it).
export async function pidListeningOn(port: number): Promise<number> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await readFile(table, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (local && cols[3] === "0A" && Number.parseInt(local.split(":").at(-1)!, 16) === port) inodes.add(cols[9]!);
    }
  }
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => "");
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return Number(entry);
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

export async function memoryKb(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: field("VmRSS"), hwm: field("VmHWM") };
}

export async function commandOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, "utf8")).replaceAll("\0", " ").trim();
}

// Samples VmRSS every `everyMs` until stopped; returns the peak seen and the number of samples.
export function sampleRss(pid: number, everyMs = 50): { stop(): Promise<{ peakKb: number; samples: number }> } {
  let peakKb = 0;
  let samples = 0;
  let reading: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    reading = memoryKb(pid).then(
      ({ rss }) => {
        peakKb = Math.max(peakKb, rss);
        samples++;
      },
      () => undefined,
    );
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await reading;
      return { peakKb, samples };
    },
  };
}

// CPU time counters of the whole machine (/proc/stat); stealShare says what share of it the
// hypervisor gave to other guests in between:
// on a shared host it explains runs that are slower for no reason of their own.
export async function hostSteal(): Promise<{ steal: number; total: number }> {
  const fields = (await readFile("/proc/stat", "utf8")).split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { steal: fields[7] ?? 0, total: fields.reduce((sum, value) => sum + value, 0) };
}

export const stealShare = (since: { steal: number; total: number }, now: { steal: number; total: number }) =>
  `${(((now.steal - since.steal) / Math.max(1, now.total - since.total)) * 100).toFixed(0)} %`;

export const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
