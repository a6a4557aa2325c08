import { CORS_HEADERS } from "@/lib/flags/ofrep/cors";

// Tells OFREP providers what this server offers: boolean kill switches, pollable in bulk, and an
// event stream whose URL each bulk evaluation hands out (eventStreams).
export function configuration(): Response {
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
