import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import type { Db } from "@/lib/db";
import type { Instance } from "./cluster-fixture";

// Which instance holds a leader lock, seen from outside as an operator would find it: PostgreSQL
// names the session holding the advisory lock (pg_locks) and its client port
// (pg_stat_activity), and the kernel names the process that owns that port (/proc). Nothing in the
// app has to report it, so a test cannot be fooled by an instance that believes it leads.

// The instance whose session holds session advisory lock `key`, or null while nobody does.
export async function leaderOf(db: Db, key: number, instances: Instance[]): Promise<Instance | null> {
  // A bigint key of a session lock is stored as classid (high half) and objid (low half), objsubid 1.
  const rows = await db.$queryRaw<{ port: number | null }[]>`
    SELECT a.client_port AS port
      FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
     WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid = 0 AND l.objid = ${key}::oid
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
  const port = rows[0]?.port;
  if (!port) return null;
  const inodes = socketInodes(port);
  return instances.find((instance) => ownsSocket(instance.pid, inodes)) ?? null;
}

// The inodes of the IPv4 TCP sockets whose local port is `port` (/proc/net/tcp: hex "addr:port").
function socketInodes(port: number): Set<string> {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const lines = readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1);
  return new Set(lines.map((line) => line.trim().split(/\s+/)).flatMap((fields) => (fields[1]?.endsWith(`:${hex}`) ? [fields[9]!] : [])));
}

// Whether process `pid` holds one of those sockets open (its /proc/<pid>/fd links name them).
function ownsSocket(pid: number, inodes: Set<string>): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? "");
      } catch {
        return false;
      }
    });
  } catch {
    // The process is gone.
    return false;
  }
}
