import { pushHandler } from "@/lib/signals/sources/push/handler";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Push ingestion (lib/signals/sources/push/handler.ts). Requests usually arrive through the
// server's push lane instead; `next start` alone serves them here.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return pushHandler(request, (await params).id);
}
