import { demoCatalog } from "@/lib/signals/sources/demo/config";
import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop } from "@/lib/live/leader";
import { DEMO_INTERVAL_SECONDS, demoTick } from "@/lib/signals/sources/demo/generator";
import type { PollSource } from "@/lib/signals/sources/types";

export const demoSource: PollSource = {
  ...demoCatalog,
  mode: "poll",
  health: () => ({ ok: true, message: "Generates demo data for demo releases only." }),
  start: ({ databaseUrl, shared }) =>
    startLeaderLoop({
      databaseUrl,
      shared,
      key: LOCK.demoLeader,
      name: "switchback-demo-signals",
      tickMs: DEMO_INTERVAL_SECONDS * 1000,
      work: (db) => demoTick(db),
    }),
};
