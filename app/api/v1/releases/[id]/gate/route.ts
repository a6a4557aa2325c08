import { apiPrincipal } from "@/lib/api/v1/principal";
import { gateHandler } from "@/lib/pipelines/gate-handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The pipeline gate (lib/pipelines/gate-handler.ts): a pipeline token with the gate scope, or a
// signed-in person, from Switchback's own pages only (a pass is written to the audit trail). Requests
// with a token usually arrive through the server's gate lane instead.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return gateHandler(request, id, (r) => apiPrincipal(r, "gate", { writes: true }));
}
