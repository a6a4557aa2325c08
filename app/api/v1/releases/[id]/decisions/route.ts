import { recordDecision } from "@/lib/releases/commands/deploy";
import { actionRoute } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST { verdict: "GO" | "STOP", reason } as the signed-in decision owner or backup.
export const POST = actionRoute(recordDecision, 201);
