-- Bounded storage (issue #16): before raw samples of a long-finished release are deleted, each
-- signal's samples are rolled up into one row per minute, kept as long as the signal, so the
-- timeline and the report of an old release keep working.
--
-- Expand-safe: a new, empty table. Its foreign key takes a brief SHARE ROW EXCLUSIVE lock on
-- "signals" (blocks writes to signals, not to signal_samples) and validates no rows.
--
-- Sum rather than mean, so a minute rolled up in two batches merges exactly (mean = sum / count).
-- The times of the lowest and highest sample keep the report's chart and first-breach search on
-- real samples at their real moments; last_at decides which "last" wins when two parts merge.
-- The migration runs in one transaction (lib/db/migrate.ts): LOCAL ends with it.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE "signal_sample_minutes" (
    "signal_id" UUID NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "sum" DOUBLE PRECISION NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "min_at" TIMESTAMPTZ(3) NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "max_at" TIMESTAMPTZ(3) NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signal_sample_minutes_pkey" PRIMARY KEY ("signal_id", "minute"),
    CONSTRAINT "signal_sample_minutes_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
