import { db } from "@/lib/db";
import { readiness } from "./readiness";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Readiness (not liveness: that is /api/v1/health): 200 once the database answers and every
// migration of this version is applied, else 503 with Retry-After saying which is missing.
export function GET() {
  return readiness(db);
}
