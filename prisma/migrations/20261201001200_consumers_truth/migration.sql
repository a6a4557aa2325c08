-- What flag_consumers says must be what each consumer has now (issue: kill switch under a second).

-- A consumer's current value is the one it was served LAST, not the newest version it was ever
-- served: behind a load balancer a lagging instance may answer with the old value after another
-- answered with the new one, and then the consumer holds the old one. served_at is when the row's
-- enabled/version was last served; the flush keeps whichever serve is later.
ALTER TABLE "flag_consumers" ADD COLUMN "served_at" TIMESTAMPTZ(3);
UPDATE "flag_consumers" SET "served_at" = "version_at";
ALTER TABLE "flag_consumers" ALTER COLUMN "served_at" SET NOT NULL;

-- The Consumers line and the flag watcher read one flag's consumers seen since a moment.
CREATE INDEX "flag_consumers_flag_key_environment_last_seen_at_idx" ON "flag_consumers" ("flag_key", "environment", "last_seen_at");

-- Memory, ETags and event streams follow a flag's version. An operator who changes `enabled` by
-- hand in an incident (UPDATE flags SET enabled = false) would leave the version as it was, and
-- every instance would keep serving the old value with a 304. Such a change takes the next version.
CREATE FUNCTION "switchback_flag_version_moves"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.enabled IS DISTINCT FROM OLD.enabled AND NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "flags_version_moves" BEFORE UPDATE ON "flags"
  FOR EACH ROW EXECUTE FUNCTION "switchback_flag_version_moves"();
