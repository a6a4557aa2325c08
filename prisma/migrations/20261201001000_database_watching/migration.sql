-- Watching the database under migration (issue: database watching).
--
-- A "Database" signal reads the release's target: either one of the built-in metrics (db_metric)
-- or a single read-only SELECT that returns one number (db_sql). Polled every
-- target_poll_seconds by the leader instance.
--
-- Each stage remembers its latest schema check against the target (schema_check, written by the
-- leader while the stage is active and by "Mark stage complete") and the decision owner's written
-- reason when it completed in spite of a failing one. Migrate keeps the pg_stat_statements
-- snapshot taken when it completed (statement_baseline): the Contract proof "Old columns unread"
-- counts calls since then, and its latest result is proof_state. business_cycle_days is the
-- second Contract proof, counted from Migrate's completion.

ALTER TYPE "SignalSource" ADD VALUE IF NOT EXISTS 'DATABASE';

ALTER TABLE "signals" ADD COLUMN "db_metric" TEXT;
ALTER TABLE "signals" ADD COLUMN "db_sql" TEXT;

ALTER TABLE "releases" ADD COLUMN "target_poll_seconds" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "releases" ADD CONSTRAINT "releases_target_poll_seconds_check" CHECK ("target_poll_seconds" BETWEEN 1 AND 300);
ALTER TABLE "releases" ADD COLUMN "business_cycle_days" INTEGER NOT NULL DEFAULT 7;
ALTER TABLE "releases" ADD CONSTRAINT "releases_business_cycle_days_check" CHECK ("business_cycle_days" BETWEEN 0 AND 90);

ALTER TABLE "stages" ADD COLUMN "schema_check" JSONB;
ALTER TABLE "stages" ADD COLUMN "schema_override_reason" TEXT;
ALTER TABLE "stages" ADD COLUMN "statement_baseline" JSONB;
ALTER TABLE "stages" ADD COLUMN "proof_state" JSONB;
ALTER TABLE "stages" ADD COLUMN "proof_override_reason" TEXT;

-- A Contract proof item Switchback computes rather than takes on trust: 'old_columns_unread'
-- (from the target's pg_stat_statements) or 'business_cycle' (time since Migrate completed).
ALTER TABLE "checklist_items" ADD COLUMN "computed_proof" TEXT;
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_computed_proof_check" CHECK ("computed_proof" IN ('old_columns_unread', 'business_cycle'));
UPDATE "checklist_items" SET "computed_proof" = 'old_columns_unread' WHERE "is_proof" AND "text" LIKE 'Proof: the old columns are no longer read%';
UPDATE "checklist_items" SET "computed_proof" = 'business_cycle' WHERE "is_proof" AND "text" LIKE 'Proof: one full business cycle has passed%';
