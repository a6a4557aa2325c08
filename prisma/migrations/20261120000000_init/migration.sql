-- Switchback initial schema. Hand-written in the shape `prisma migrate` produces, so that
-- `prisma migrate status` agrees on a machine that has Prisma's schema engine.

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'OPERATOR', 'ADMIN');
CREATE TYPE "ReleaseStatus" AS ENUM ('DRAFT', 'READY', 'IN_PROGRESS', 'PAUSED', 'COMPLETED', 'ROLLED_BACK', 'ABANDONED');
CREATE TYPE "DeployStyle" AS ENUM ('ROLLING', 'BLUE_GREEN', 'CANARY');
CREATE TYPE "FlagProviderKind" AS ENUM ('BUILTIN', 'UNLEASH');
CREATE TYPE "StageKind" AS ENUM ('EXPAND', 'MIGRATE', 'CONTRACT');
CREATE TYPE "StageStatus" AS ENUM ('PENDING', 'ACTIVE', 'DONE');
CREATE TYPE "RunbookRole" AS ENUM ('DISABLE_FEATURE', 'DATABASE_HEALTH', 'ERROR_TRACKING', 'DECISION');
CREATE TYPE "Comparator" AS ENUM ('GT', 'GTE', 'LT', 'LTE');
CREATE TYPE "SignalUnit" AS ENUM ('PERCENT', 'MILLISECONDS', 'SECONDS', 'COUNT');
CREATE TYPE "SignalSource" AS ENUM ('PROMETHEUS', 'PUSH', 'DEMO');
CREATE TYPE "Verdict" AS ENUM ('GO', 'STOP');
CREATE TYPE "DrillResult" AS ENUM ('PASSED', 'FAILED');
CREATE TYPE "ApiTokenKind" AS ENUM ('SIGNAL_PUSH', 'FLAG_READ');
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'FAILED');
CREATE TYPE "ActorType" AS ENUM ('USER', 'SYSTEM');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "password_hash" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "sign_in_throttles" (
    "address" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("address")
);

CREATE TABLE "releases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "title" TEXT NOT NULL,
    "service" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "status" "ReleaseStatus" NOT NULL DEFAULT 'DRAFT',
    "deploy_style" "DeployStyle" NOT NULL DEFAULT 'ROLLING',
    "window_start" TIMESTAMPTZ(3),
    "window_end" TIMESTAMPTZ(3),
    "flag_provider" "FlagProviderKind" NOT NULL DEFAULT 'BUILTIN',
    "flag_key" TEXT NOT NULL DEFAULT '',
    "flag_environment" TEXT NOT NULL DEFAULT 'production',
    "decision_owner_id" UUID,
    "backup_owner_id" UUID,
    "auto_stop_enabled" BOOLEAN NOT NULL DEFAULT false,
    "auto_stop_after" INTEGER NOT NULL DEFAULT 3,
    "auto_stop_triggered_at" TIMESTAMPTZ(3),
    "auto_stop_acked_at" TIMESTAMPTZ(3),
    "lint_override_reason" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "cloned_from_id" UUID,
    "created_by_id" UUID,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "releases_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "stages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "kind" "StageKind" NOT NULL,
    "status" "StageStatus" NOT NULL DEFAULT 'PENDING',
    "position" INTEGER NOT NULL,
    "owner_id" UUID,
    "sql" TEXT NOT NULL DEFAULT '',
    "rollback_note" TEXT NOT NULL DEFAULT '',
    "exit_criteria" TEXT NOT NULL DEFAULT '',
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "completed_by_id" UUID,
    CONSTRAINT "stages_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "checklist_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "stage_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "is_proof" BOOLEAN NOT NULL DEFAULT false,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "done_by_id" UUID,
    "done_at" TIMESTAMPTZ(3),
    CONSTRAINT "checklist_items_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "runbook_steps" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "role" "RunbookRole" NOT NULL,
    "assignee_id" UUID,
    "text" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "runbook_steps_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "signals" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" "SignalUnit" NOT NULL,
    "source" "SignalSource" NOT NULL DEFAULT 'PUSH',
    "promql" TEXT,
    "poll_interval_seconds" INTEGER NOT NULL DEFAULT 5,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "signal_samples" (
    "id" BIGSERIAL NOT NULL,
    "signal_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    CONSTRAINT "signal_samples_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "criteria" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "signal_id" UUID NOT NULL,
    "comparator" "Comparator" NOT NULL,
    "warn_threshold" DOUBLE PRECISION,
    "stop_threshold" DOUBLE PRECISION,
    "window_seconds" INTEGER NOT NULL DEFAULT 60,
    "position" INTEGER NOT NULL,
    CONSTRAINT "criteria_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "decisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "stage_id" UUID,
    "verdict" "Verdict" NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "actor_id" UUID NOT NULL,
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "rollback_drills" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "performed_on" DATE NOT NULL,
    "result" "DrillResult" NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rollback_drills_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "flags" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "key" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "ApiTokenKind" NOT NULL,
    "name" TEXT NOT NULL,
    "release_id" UUID,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhooks" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "webhook_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" UUID,
    "actor_label" TEXT NOT NULL,
    "release_id" UUID,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "prev_hash" TEXT,
    "hash" TEXT NOT NULL,
    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");
CREATE UNIQUE INDEX "accounts_provider_provider_account_id_key" ON "accounts"("provider", "provider_account_id");
CREATE INDEX "releases_status_updated_at_idx" ON "releases"("status", "updated_at");
CREATE INDEX "releases_updated_at_idx" ON "releases"("updated_at");
CREATE INDEX "stages_owner_id_idx" ON "stages"("owner_id");
CREATE UNIQUE INDEX "stages_release_id_kind_key" ON "stages"("release_id", "kind");
CREATE INDEX "checklist_items_stage_id_position_idx" ON "checklist_items"("stage_id", "position");
CREATE INDEX "runbook_steps_release_id_role_position_idx" ON "runbook_steps"("release_id", "role", "position");
CREATE UNIQUE INDEX "signals_release_id_key_key" ON "signals"("release_id", "key");
CREATE INDEX "signal_samples_signal_id_at_idx" ON "signal_samples"("signal_id", "at");
CREATE INDEX "criteria_release_id_position_idx" ON "criteria"("release_id", "position");
CREATE INDEX "decisions_release_id_created_at_idx" ON "decisions"("release_id", "created_at");
CREATE INDEX "rollback_drills_release_id_performed_on_idx" ON "rollback_drills"("release_id", "performed_on");
CREATE UNIQUE INDEX "flags_key_environment_key" ON "flags"("key", "environment");
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_release_id_idx" ON "api_tokens"("release_id");
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries"("webhook_id", "created_at");
CREATE UNIQUE INDEX "audit_events_hash_key" ON "audit_events"("hash");
CREATE INDEX "audit_events_release_id_action_at_id_idx" ON "audit_events"("release_id", "action", "at", "id");
CREATE INDEX "audit_events_at_id_idx" ON "audit_events"("at", "id");
CREATE INDEX "audit_events_actor_id_at_id_idx" ON "audit_events"("actor_id", "at", "id");
CREATE INDEX "audit_events_action_at_id_idx" ON "audit_events"("action", "at", "id");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "releases" ADD CONSTRAINT "releases_decision_owner_id_fkey" FOREIGN KEY ("decision_owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "releases" ADD CONSTRAINT "releases_backup_owner_id_fkey" FOREIGN KEY ("backup_owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "releases" ADD CONSTRAINT "releases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "releases" ADD CONSTRAINT "releases_cloned_from_id_fkey" FOREIGN KEY ("cloned_from_id") REFERENCES "releases"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "stages" ADD CONSTRAINT "stages_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stages" ADD CONSTRAINT "stages_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "stages" ADD CONSTRAINT "stages_completed_by_id_fkey" FOREIGN KEY ("completed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_done_by_id_fkey" FOREIGN KEY ("done_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "runbook_steps" ADD CONSTRAINT "runbook_steps_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "runbook_steps" ADD CONSTRAINT "runbook_steps_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "signals" ADD CONSTRAINT "signals_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "signal_samples" ADD CONSTRAINT "signal_samples_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "criteria" ADD CONSTRAINT "criteria_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "rollback_drills" ADD CONSTRAINT "rollback_drills_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rollback_drills" ADD CONSTRAINT "rollback_drills_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "flags" ADD CONSTRAINT "flags_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit trail is append-only in the database itself, whatever client writes to it.
CREATE FUNCTION "audit_events_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_events_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_reject_change"();

CREATE TRIGGER "audit_events_no_truncate"
  BEFORE TRUNCATE ON "audit_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_reject_change"();
