import { evaluateAll } from "@/lib/flags/ofrep-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request) {
  return evaluateAll(request);
}
