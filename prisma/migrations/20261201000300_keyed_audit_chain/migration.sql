-- The audit chain becomes keyed: new events are linked with an HMAC only the app can compute
-- (AUDIT_KEY never reaches the database). Events written before carry "sha256" and keep
-- verifying with the plain hash they were written with.
-- Adding a column with a constant default rewrites no rows, so the append-only trigger is not hit.

-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN "hash_alg" TEXT NOT NULL DEFAULT 'sha256';

-- Signed checkpoints: every so often the app signs (Ed25519) the chain's head id and hash and
-- publishes them here, to webhooks and to its log. A rewrite of anything up to a checkpoint no
-- longer matches it, and a checkpoint cannot be forged without the key.
-- CreateTable
CREATE TABLE "audit_checkpoints" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "head_id" BIGINT NOT NULL,
    "head_hash" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "audit_checkpoints_pkey" PRIMARY KEY ("id")
);

-- The trigger function names the table it guards (it now guards three).
CREATE OR REPLACE FUNCTION "audit_events_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "audit_checkpoints_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_checkpoints"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_reject_change"();

CREATE TRIGGER "audit_checkpoints_no_truncate"
  BEFORE TRUNCATE ON "audit_checkpoints"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_reject_change"();
