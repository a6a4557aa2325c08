-- The kill switch takes effect, provably (issue: kill switch under a second).
--
-- Every committed change to a built-in flag notifies `switchback_flags` with the flag's new state,
-- so each instance's in-memory OFREP cache and its event streams (ADR-0008) learn of it at once,
-- whichever instance made the change. The trigger fires for every writer (flips, the backfill
-- switch, plan edits, SQL by hand), so no path can change a flag without telling the consumers.

CREATE FUNCTION "switchback_notify_flag"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_state "flags";
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_state := OLD;
  ELSE
    row_state := NEW;
  END IF;
  PERFORM pg_notify('switchback_flags', json_build_object(
    'key', row_state.key,
    'environment', row_state.environment,
    'enabled', row_state.enabled,
    'version', row_state.version,
    'updatedAt', row_state.updated_at,
    'deleted', TG_OP = 'DELETE')::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER "flags_notify" AFTER INSERT OR UPDATE OR DELETE ON "flags"
  FOR EACH ROW EXECUTE FUNCTION "switchback_notify_flag"();

-- Who reads each flag over OFREP: one row per (flag, environment, consumer), written by each
-- instance's periodic flush of what it served (never per request). `version` is the newest flag
-- version the consumer was served and `version_at` when it was first served it: a flip has reached
-- a consumer once its version is served, and version_at - flip time is how long that took.
CREATE TABLE "flag_consumers" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "flag_key" TEXT NOT NULL,
  "environment" TEXT NOT NULL,
  "consumer" TEXT NOT NULL,
  "token_name" TEXT NOT NULL,
  "enabled" BOOLEAN NOT NULL,
  "version" INTEGER NOT NULL,
  "version_at" TIMESTAMPTZ(3) NOT NULL,
  "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
  -- How it last reached us: 'stream' (an open event stream), 'bulk' or 'single' evaluation.
  "via" TEXT NOT NULL,
  CONSTRAINT "flag_consumers_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "flag_consumers_via_check" CHECK ("via" IN ('stream', 'bulk', 'single'))
);
CREATE UNIQUE INDEX "flag_consumers_flag_key_environment_consumer_key" ON "flag_consumers" ("flag_key", "environment", "consumer");

-- A flip of a built-in flag waits here until every consumer has been served it (flag.converged)
-- or 60 s pass (flag.not_converged); the leader settles it and writes that event.
CREATE TABLE "flag_convergences" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "release_id" UUID NOT NULL,
  "flag_key" TEXT NOT NULL,
  "environment" TEXT NOT NULL,
  "enabled" BOOLEAN NOT NULL,
  "version" INTEGER NOT NULL,
  "flipped_at" TIMESTAMPTZ(3) NOT NULL,
  -- The flip's audit event, so the report can pair click and convergence.
  "audit_event_id" BIGINT,
  "settled_at" TIMESTAMPTZ(3),
  "converged" BOOLEAN,
  CONSTRAINT "flag_convergences_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "flag_convergences_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "flag_convergences_open_idx" ON "flag_convergences" ("flipped_at") WHERE "settled_at" IS NULL;
CREATE INDEX "flag_convergences_release_id_idx" ON "flag_convergences" ("release_id", "flipped_at");

-- Each go/stop criterion's automatic action when its stop threshold is breached for N checks in a
-- row: pause the backfill (the release's backfill switch) or turn the flag off (auto-stop).
CREATE TYPE "CriterionAutoAction" AS ENUM ('TURN_FLAG_OFF', 'PAUSE_BACKFILL');
ALTER TABLE "criteria" ADD COLUMN "auto_action" "CriterionAutoAction" NOT NULL DEFAULT 'TURN_FLAG_OFF';

-- The backfill switch of every release that names a flag: a built-in boolean served over OFREP
-- as <flagKey>.backfill-paused, whatever provider holds the kill switch itself. false = running.
INSERT INTO "flags" ("key", "environment", "enabled")
SELECT DISTINCT "flag_key" || '.backfill-paused', "flag_environment", false FROM "releases" WHERE "flag_key" <> ''
ON CONFLICT ("key", "environment") DO NOTHING;
