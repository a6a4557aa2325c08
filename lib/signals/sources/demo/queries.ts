import "server-only";
import { db } from "@/lib/db";
import { regressionKey } from "@/lib/signals/sources/demo/generator";

// Whether the demo release's generator is simulating a regression now (the cockpit's demo switch).
export async function isDemoRegressed(releaseId: string): Promise<boolean> {
  return (await db.setting.count({ where: { key: regressionKey(releaseId) } })) > 0;
}
