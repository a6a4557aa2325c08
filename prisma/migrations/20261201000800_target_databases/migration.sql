-- Target databases: the databases under migration that Switchback reads (read-only sessions).
-- The connection URL is sealed by the app (AES-256-GCM, key from the server secret) before it is
-- stored, so a dump of this table does not leak the target's password. The runtime role's
-- privileges come from the default privileges of lib/db/roles.ts.

CREATE TABLE "target_databases" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "sealed_url" TEXT NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_test_ok" BOOLEAN,
    "last_test_message" TEXT,
    "last_tested_at" TIMESTAMPTZ(3),
    CONSTRAINT "target_databases_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "target_databases_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "target_databases_name_key" ON "target_databases" ("name");
