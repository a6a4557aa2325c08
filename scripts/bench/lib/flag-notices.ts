import pg from "pg";
import { wallNow, type Watch } from "./ofrep-consumers";

// The moment the flip committed, as every Switchback instance learns it: the flags table's trigger
// NOTIFY on switchback_flags, heard on a connection of the bench's own. Recorded as one more
// "consumer" so the click → commit part of a latency can be told from the commit → consumer part.
export async function listenForFlagChanges(databaseUrl: string, flagKey: string, watch: Watch, name = "notify") {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  client.on("notification", (notice) => {
    const change = JSON.parse(notice.payload ?? "{}") as { key?: string; enabled?: boolean };
    if (change.key === flagKey && typeof change.enabled === "boolean") watch.record(name, change.enabled, wallNow());
  });
  await client.query("LISTEN switchback_flags");
  return { name, close: () => client.end() };
}
