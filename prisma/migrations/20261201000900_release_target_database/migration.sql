-- A release names the database under migration that Switchback watches (none is allowed).
-- RESTRICT: a target a release still names cannot be removed from under it; the admin is told
-- which releases use it.

ALTER TABLE "releases" ADD COLUMN "target_database_id" UUID;
ALTER TABLE "releases" ADD CONSTRAINT "releases_target_database_id_fkey" FOREIGN KEY ("target_database_id") REFERENCES "target_databases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "releases_target_database_id_idx" ON "releases" ("target_database_id");
