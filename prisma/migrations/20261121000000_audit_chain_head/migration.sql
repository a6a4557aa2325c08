-- The end of the audit hash chain, as one row. Every append updates it in the same statement
-- that inserts the event: the row lock serialises appends (the chain cannot fork), and the new
-- hash is computed from the latest committed head, so an append is a single round trip.

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "last_id" BIGINT,
    "last_hash" TEXT,
    "prev_hash" TEXT,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_one_row" CHECK ("id" = 1)
);

INSERT INTO "audit_chain_head" ("id", "last_id", "last_hash")
SELECT 1, "id", "hash" FROM "audit_events" ORDER BY "id" DESC LIMIT 1;

INSERT INTO "audit_chain_head" ("id") VALUES (1) ON CONFLICT ("id") DO NOTHING;

-- The head is as permanent as the trail it ends.
CREATE TRIGGER "audit_chain_head_no_delete"
  BEFORE DELETE ON "audit_chain_head"
  FOR EACH ROW EXECUTE FUNCTION "audit_events_reject_change"();

CREATE TRIGGER "audit_chain_head_no_truncate"
  BEFORE TRUNCATE ON "audit_chain_head"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_events_reject_change"();
