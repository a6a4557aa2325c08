import { parseParams } from "@/lib/api/v1/parse";
import { gateQuery, releaseIdParam, type GateClosed, type GatePass, type GateWaiting } from "@/lib/api/v1/schemas";
import { assertCovers, releaseScope, type ApiPrincipal } from "@/lib/api/v1/token-principal";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/error-response";
import { recordGatePass } from "@/lib/pipelines/gate-pass";
import { waitAtGate } from "@/lib/pipelines/gate-wait";

// GET /api/v1/releases/{id}/gate?stage=migrate&wait=900 — a pipeline's long poll: 200 go as soon
// as the stage may be deployed (audited first), 409 at once when the release is stopped, paused
// for a human, rolled back, abandoned or complete, 202 with what it still waits for when `wait`
// runs out. Two doors call this: the route file (token or session) and the server's gate lane
// (lib/http/gate-lane.ts, tokens only), so a few hundred waiting pipelines cost little memory.

const NO_STORE = { "Cache-Control": "no-store" };

export async function gateHandler(request: Request, id: string, principalOf: (request: Request) => Promise<ApiPrincipal>): Promise<Response> {
  try {
    const principal = await principalOf(request);
    const release = parseParams(releaseIdParam, { id });
    const { stage, wait } = parseParams(gateQuery, Object.fromEntries(new URL(request.url).searchParams));
    const scope = await releaseScope(release.id);
    if (!scope) throw new AppError("NOT_FOUND", "That release does not exist.");
    assertCovers(principal, scope);
    const judgement = await waitAtGate(release.id, stage, wait * 1000, request.signal);
    if (!judgement) throw new AppError("NOT_FOUND", "That release does not exist.");
    if (judgement.kind === "go") {
      const at = await recordGatePass(principal, release.id, stage);
      return Response.json({ go: true, stage, release: release.id, at: at.toISOString() } satisfies GatePass, { headers: NO_STORE });
    }
    if (judgement.kind === "closed") {
      return Response.json({ go: false, status: judgement.status, reason: judgement.reason } satisfies GateClosed, { status: 409, headers: NO_STORE });
    }
    return Response.json({ go: false, waitingFor: judgement.waitingFor } satisfies GateWaiting, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}
