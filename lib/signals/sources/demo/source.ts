import { demoCatalog } from "@/lib/signals/sources/demo/config";
import { LOCK } from "@/lib/db/locks";
import { startLeaderLoop } from "@/lib/live/leader";
import { DEMO_INTERVAL_SECONDS, demoTick } from "@/lib/signals/sources/demo/generator";
import { DEMO_PRUNE_EVERY_MS, pruneDemoSamples } from "@/lib/signals/sources/demo/prune";
import type { PollSource } from "@/lib/signals/sources/types";

export const demoSource: PollSource = {
  ...demoCatalog,
  mode: "poll",
  health: () => ({ ok: true, message: "Generates demo data for demo releases only." }),
  start: ({ databaseUrl, shared }) => {
    // Pruning on the generator's own leader and cadence: whoever writes the demo data trims it.
    let lastPrune = 0;
    return startLeaderLoop({
      databaseUrl,
      shared,
      key: LOCK.demoLeader,
      name: "switchback-demo-signals",
      tickMs: DEMO_INTERVAL_SECONDS * 1000,
      work: async (db) => {
        const written = await demoTick(db);
        if (Date.now() - lastPrune >= DEMO_PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await pruneDemoSamples(db);
        }
        return written;
      },
    });
  },
};
