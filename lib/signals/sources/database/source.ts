import { databaseCatalog } from "@/lib/signals/sources/database/config";
import type { PollSource } from "@/lib/signals/sources/types";
import { startTargetWatcher } from "@/lib/targets/watch/loop";

// Database signals are read by the target watcher, which also runs the schema checks and the
// Contract proof on the same (at most two) sessions per target: starting this source starts it.
export const databaseSource: PollSource = {
  ...databaseCatalog,
  mode: "poll",
  // Nothing to configure on the server: each release names its own target database.
  health: () => ({ ok: true, message: "Reads each release's target database, read-only, every 2 s by default." }),
  start: ({ databaseUrl, shared }) => startTargetWatcher({ databaseUrl, shared }),
};
