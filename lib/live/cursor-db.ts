import type { Db } from "@/lib/db";
import type { Cursor } from "@/lib/live/cursor";

// The newest ids overall: a stream that starts now starts here.
export async function currentCursor(db: Db): Promise<Cursor> {
  const [row] = await db.$queryRaw<{ audit: bigint | null; sample: bigint | null }[]>`
    SELECT (SELECT max(id) FROM audit_events) AS audit, (SELECT max(id) FROM signal_samples) AS sample`;
  return { audit: row?.audit ?? 0n, sample: row?.sample ?? 0n };
}
