import type { StageKindName } from "@/lib/releases/template";
import { FIRST_NAME_OF, LAST_NAME_OF } from "@/lib/demo/backfill";

// The demo release's SQL, as its plan shows it and as `npm run demo:deploy` plays it on the shop:
// Expand adds the new columns and an index built without blocking writes, Migrate is the batched
// backfill (no catalog check: its SQL signals speak for it), Contract drops the old column.

export const DEMO_INDEX = "users_last_name_first_name_idx";

export const DEMO_STAGE_SQL: Record<StageKindName, string> = {
  EXPAND: `SET lock_timeout = '2s';
ALTER TABLE users ADD COLUMN first_name text;
ALTER TABLE users ADD COLUMN last_name text;
-- Run on its own, outside a transaction: CONCURRENTLY builds the index while writes go on.
CREATE INDEX CONCURRENTLY ${DEMO_INDEX} ON users (last_name, first_name);`,
  MIGRATE: `SET lock_timeout = '2s';
-- One batch of the backfill. The job repeats it 1,000 rows at a time in id order and stores the
-- last id in demo_backfill_checkpoint after each batch, so a stopped job resumes where it was.
UPDATE users
   SET first_name = ${FIRST_NAME_OF("full_name")},
       last_name  = ${LAST_NAME_OF("full_name")}
 WHERE id BETWEEN 1 AND 1000
   AND first_name IS NULL;`,
  CONTRACT: `SET lock_timeout = '2s';
ALTER TABLE users DROP COLUMN full_name;`,
};
