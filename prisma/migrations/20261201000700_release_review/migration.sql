-- The review after a release ends: what happened, in the team's words, and the follow-ups with
-- their owners. Edited by plan editors once the release has ended; every edit is audited.

CREATE TABLE "release_reviews" (
    "release_id" UUID NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by_id" UUID,
    CONSTRAINT "release_reviews_pkey" PRIMARY KEY ("release_id"),
    CONSTRAINT "release_reviews_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "release_reviews_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE TABLE "review_follow_ups" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "owner_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "review_follow_ups_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "review_follow_ups_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "review_follow_ups_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "review_follow_ups_release_id_created_at_idx" ON "review_follow_ups" ("release_id", "created_at");
