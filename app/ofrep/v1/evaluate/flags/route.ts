import { preflight } from "@/lib/flags/ofrep/cors";
import { evaluateAll } from "@/lib/flags/ofrep/routes";
import { ofrepGuarded } from "@/lib/flags/ofrep/unavailable";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return ofrepGuarded(() => evaluateAll(request));
}

export const OPTIONS = preflight;
