import { CORS_HEADERS, preflight } from "@/lib/flags/ofrep/cors";

export const dynamic = "force-static";

// Tells OFREP providers what this server offers: boolean kill switches, pollable in bulk, and an
// event stream whose URL each bulk evaluation hands out (eventStreams).
export function GET() {
  return Response.json(
    {
      name: "Switchback",
      capabilities: {
        cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
        flagEvaluation: { supportedTypes: ["boolean"] },
      },
    },
    { headers: CORS_HEADERS },
  );
}

export const OPTIONS = preflight;
