-- Where a person's role comes from (issue 16: sign-in through the team's identity provider). With a
-- group → role mapping configured, the identity provider sets the role at each sign-in and names the
-- group it came from (NULL: none of the person's groups is mapped, so they are a viewer); an admin
-- cannot change such a role in Switchback. Expand-safe: new columns with a constant default, no
-- rewrite, every existing role stays "set by an admin". ADD COLUMN takes a brief ACCESS EXCLUSIVE
-- lock on "users", which every request reads: give up rather than queue behind a long transaction.
-- The migration runs in one transaction (lib/db/migrate.ts): LOCAL ends with it.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';
CREATE TYPE "RoleSource" AS ENUM ('ADMIN', 'IDENTITY_PROVIDER');

ALTER TABLE "users" ADD COLUMN "role_source" "RoleSource" NOT NULL DEFAULT 'ADMIN';
ALTER TABLE "users" ADD COLUMN "role_source_group" TEXT;
