import { turnFlagOff } from "@/lib/flags/commands";
import { actionRoute } from "@/lib/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// POST { expected: true } as a signed-in operator or above: the kill switch, for scripts.
export const POST = actionRoute(turnFlagOff);
