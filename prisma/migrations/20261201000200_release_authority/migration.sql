-- Who may hold a release's authority, enforced where it cannot be bypassed.

-- A built-in kill switch guards at most one release that is not finished: otherwise re-pointing
-- one release's flag key would hand its deciders another release's switch.
CREATE UNIQUE INDEX "releases_builtin_flag_guard" ON "releases" ("flag_key", "flag_environment")
  WHERE "flag_provider" = 'BUILTIN' AND "flag_key" <> '' AND "status" NOT IN ('COMPLETED', 'ROLLED_BACK', 'ABANDONED');

-- Four eyes: turning the flag on becomes a request that the backup or an admin approves.
ALTER TABLE "releases" ADD COLUMN "four_eyes" BOOLEAN NOT NULL DEFAULT false;

CREATE TYPE "FlagOnRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED', 'EXPIRED');

CREATE TABLE "flag_on_requests" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "FlagOnRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "flag_on_requests_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "flag_on_requests_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "flag_on_requests_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "flag_on_requests_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- One open request per release at a time.
CREATE UNIQUE INDEX "flag_on_requests_one_pending" ON "flag_on_requests" ("release_id") WHERE "status" = 'PENDING';
CREATE INDEX "flag_on_requests_release_id_requested_at_idx" ON "flag_on_requests" ("release_id", "requested_at");
