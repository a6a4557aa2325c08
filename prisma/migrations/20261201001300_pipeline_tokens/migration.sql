-- Pipelines (issue: pipelines, a documented API, a CI gate and a CLI). A pipeline token carries the
-- scopes chosen at its creation (read, push, gate, deploy) and belongs either to one release or to
-- one service (every release of that service, for pipelines that create their releases).
ALTER TYPE "ApiTokenKind" ADD VALUE 'PIPELINE';

ALTER TABLE "api_tokens" ADD COLUMN "scopes" TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE "api_tokens" ADD COLUMN "service" TEXT;

-- The database holds the rules too, so a row made by hand cannot widen a token: only known scopes,
-- and a service only on a token that names no release.
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_scopes_known" CHECK ("scopes" <@ ARRAY['read', 'push', 'gate', 'deploy']::TEXT[]);
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_service_or_release" CHECK ("service" IS NULL OR ("release_id" IS NULL AND length("service") > 0));
