import { preflight } from "@/lib/flags/ofrep/cors";
import { evaluateOne } from "@/lib/flags/ofrep/routes";
import { ofrepGuarded } from "@/lib/flags/ofrep/unavailable";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  return ofrepGuarded(async () => evaluateOne(request, (await params).key));
}

export const OPTIONS = preflight;
