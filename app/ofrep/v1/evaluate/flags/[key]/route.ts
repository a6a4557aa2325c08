import { evaluateOne } from "@/lib/flags/ofrep-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  return evaluateOne(request, (await params).key);
}
