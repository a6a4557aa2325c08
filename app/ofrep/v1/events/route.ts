import { preflight } from "@/lib/flags/ofrep/cors";
import { eventStream } from "@/lib/flags/ofrep/events-route";
import { ofrepGuarded } from "@/lib/flags/ofrep/unavailable";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// OFREP event stream (ADR-0008); its URL, ticket included, comes from a bulk evaluation.
export async function GET(request: Request) {
  return ofrepGuarded(() => eventStream(request));
}

export const OPTIONS = preflight;
