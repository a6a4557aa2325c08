import { AppError } from "@/lib/errors";
import { getConsumersLine } from "@/lib/flags/convergence/queries";
import { sessionRoute } from "@/lib/route";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The kill switch's Consumers line for the cockpit, which asks again while a flip is reaching them.
export const GET = sessionRoute<{ id: string }>("read", async (_request, { user, params }) => {
  const line = isUuid(params.id) ? await getConsumersLine(user, params.id) : null;
  if (!line) throw new AppError("NOT_FOUND", "That release does not exist.");
  return Response.json(line, { headers: { "Cache-Control": "no-store" } });
});
