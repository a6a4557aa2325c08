export const dynamic = "force-static";

// Tells OFREP providers what this server offers: boolean kill switches, pollable in bulk.
export function GET() {
  return Response.json({
    name: "Switchback",
    capabilities: {
      cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
      flagEvaluation: { supportedTypes: ["boolean"] },
    },
  });
}
