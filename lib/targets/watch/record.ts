import type { Db, Tx } from "@/lib/db";
import { appendAudit, type Actor } from "@/lib/audit/append";

// What the target watcher found, when it changes what a person would conclude (a stage's schema
// turned verified, a dropped column stopped being read): the stage's stored result and an audit
// event commit together, so the trail says when the database caught up with the plan, and every
// open cockpit redraws at once (it refreshes on audit events). A steady result only refreshes its
// time, with no event: that is not news.

export const WATCHER_ACTOR: Actor = { type: "SYSTEM", label: "Switchback target watcher" };

export interface Observation {
  releaseId: string;
  action: "stage.schema_checked" | "contract.proof_changed";
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Runs `write` (which reports whether it changed a row) and, if it did, appends `event`, in one transaction. */
export function recordObservation(db: Db, write: (tx: Tx) => Promise<boolean>, event: Observation): Promise<void> {
  return db.$transaction(async (tx) => {
    if (await write(tx)) await appendAudit(tx, { ...event, actor: WATCHER_ACTOR });
  });
}
