-- Sign-in throttling per address AND per account, with lock-outs. The old rows only slowed
-- addresses down for 15 minutes: nothing worth carrying over.
DROP TABLE "sign_in_throttles";

CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- A burst of failed sign-ins becomes one audit event with a count.
CREATE TABLE "sign_in_failure_windows" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 1,
    "accounts" TEXT[],
    "addresses" TEXT[],
    "locked_accounts" TEXT[],
    "closed_at" TIMESTAMPTZ(3),
    CONSTRAINT "sign_in_failure_windows_pkey" PRIMARY KEY ("id")
);

-- At most one open window: concurrent failures all land in it (INSERT … ON CONFLICT).
CREATE UNIQUE INDEX "sign_in_failure_windows_one_open" ON "sign_in_failure_windows" (("closed_at" IS NULL)) WHERE "closed_at" IS NULL;

-- Server-side sessions: the cookie names one, sign-out and "End all sessions" end them.
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),
    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions"("user_id");

-- API tokens expire. Tokens made before expiry existed get 90 days from creation, but at least
-- 30 days from now, so no pipeline breaks the moment this migration runs.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
UPDATE "api_tokens" SET "expires_at" = GREATEST("created_at" + interval '90 days', now() + interval '30 days');
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL,
    ALTER COLUMN "expires_at" SET DEFAULT (now() + '90 days'::interval);
