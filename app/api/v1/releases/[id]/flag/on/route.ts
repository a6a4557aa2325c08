import { turnFlagOn } from "@/lib/flags/commands";
import { actionRoute } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST { expected: false } as the decision owner, backup or an admin.
export const POST = actionRoute(turnFlagOn);
