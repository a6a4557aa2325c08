-- The first ten minutes, run live: a Stop, an auto-stop or a manual start opens an incident whose
-- runbook steps are ticked by their assignees against a ten-minute clock. The steps are copied at
-- the start so the report keeps them as they happened, whatever the plan says later.

CREATE TYPE "IncidentTrigger" AS ENUM ('STOP', 'AUTO_STOP', 'MANUAL');
CREATE TYPE "RunbookCheck" AS ENUM ('FLAG_OFF');

-- A step Switchback can tick itself, from what it reads (the flag provider answering OFF).
ALTER TABLE "runbook_steps" ADD COLUMN "auto_check" "RunbookCheck";
UPDATE "runbook_steps" SET "auto_check" = 'FLAG_OFF'
 WHERE "role" = 'DISABLE_FEATURE' AND "text" ILIKE 'Turn the feature flag off%';

-- How to reach a runbook assignee in an incident: a chat handle or a phone number.
ALTER TABLE "users" ADD COLUMN "contact" TEXT NOT NULL DEFAULT '';

CREATE TABLE "incidents" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "release_id" UUID NOT NULL,
    "trigger" "IncidentTrigger" NOT NULL,
    "reason" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_by_id" UUID,
    "started_by_label" TEXT NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "ended_by_label" TEXT,
    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "incidents_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "releases"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "incidents_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "incidents_release_id_started_at_idx" ON "incidents" ("release_id", "started_at");
-- One clock at a time: a second Stop during an incident keeps the first one's clock.
CREATE UNIQUE INDEX "incidents_one_open" ON "incidents" ("release_id") WHERE "ended_at" IS NULL;

CREATE TABLE "incident_steps" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incident_id" UUID NOT NULL,
    "role" "RunbookRole" NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "auto_check" "RunbookCheck",
    "assignee_id" UUID,
    "assignee_name" TEXT,
    "done_at" TIMESTAMPTZ(3),
    "done_by_id" UUID,
    "done_by_label" TEXT,
    CONSTRAINT "incident_steps_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "incident_steps_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "incident_steps_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "incident_steps_done_by_id_fkey" FOREIGN KEY ("done_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    -- Ticked means both when and by whom; unticked means neither.
    CONSTRAINT "incident_steps_done_whole" CHECK (("done_at" IS NULL) = ("done_by_label" IS NULL))
);
CREATE INDEX "incident_steps_incident_id_idx" ON "incident_steps" ("incident_id", "role", "position");
