import type { ApiPrincipal } from "@/lib/api/v1/token-principal";
import type { StageName } from "@/lib/api/v1/schemas";
import { appendAudit } from "@/lib/audit/append";
import { getDb } from "@/lib/db";

// Every gate answer of go: true is in the audit trail before the pipeline hears it: "Pipeline
// token “ci-deploy” passed the Migrate gate". It changes no state, so it is the one event of its
// transaction; if it cannot be written the pipeline gets a 503 and asks again, never an
// unrecorded go.

const KIND: Record<StageName, string> = { expand: "EXPAND", migrate: "MIGRATE", contract: "CONTRACT" };

export async function recordGatePass(principal: ApiPrincipal, releaseId: string, stage: StageName): Promise<Date> {
  const at = new Date();
  const via = principal.kind === "token" ? { tokenId: principal.token.id, tokenName: principal.token.name } : { session: true };
  await getDb().$transaction((tx) =>
    appendAudit(tx, { actor: principal.actor, action: "pipeline.gate_passed", releaseId, after: { stage: KIND[stage], at: at.toISOString(), ...via } }),
  );
  return at;
}
