import { db } from "@/lib/db";
import { errorBodyResponse } from "@/lib/route";

export const dynamic = "force-dynamic";

// Load balancers and `npm start` poll this: 200 only when the database answers.
export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return errorBodyResponse({ code: "UNAVAILABLE", message: "The database is not answering." });
  }
}
