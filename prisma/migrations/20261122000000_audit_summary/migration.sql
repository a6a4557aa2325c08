-- Each event's one line of plain words ("ticked “Columns added” in Expand"), written with the
-- event by the same code that renders it everywhere else (lib/audit/describe.ts). The export can
-- then stream every column straight out of PostgreSQL with COPY, instead of parsing each event's
-- JSON in Node to re-derive it. Derived text, so it is not part of the hashed body. Adding a
-- column with a constant default rewrites nothing, and the append-only trigger does not fire.
ALTER TABLE "audit_events" ADD COLUMN "summary" TEXT NOT NULL DEFAULT '';
