import { describe, expect, it } from "vitest";
import { routePattern } from "@/lib/metrics/http";

// The route label of the latency histogram: one series per route, whatever ids a client sends.

describe("the route pattern of a request", () => {
  it("names the route, not the record, so a scraper sees a bounded set of series", () => {
    expect(routePattern("/api/v1/releases/3f2b8c1e-0000-4000-8000-000000000001/flag/off")).toBe("/api/v1/releases/[id]/flag/off");
    expect(routePattern("/api/v1/releases/not-a-uuid-at-all/gate?stage=expand")).toBe("/api/v1/releases/[id]/gate");
    expect(routePattern("/api/v1/releases/abc/stages/expand/complete")).toBe("/api/v1/releases/[id]/stages/[stage]/complete");
    expect(routePattern("/ofrep/v1/evaluate/flags/new-checkout")).toBe("/ofrep/v1/evaluate/flags/[key]");
    expect(routePattern("/api/v1/releases?limit=1")).toBe("/api/v1/releases");
    expect(routePattern("/ofrep/v1/evaluate/flags")).toBe("/ofrep/v1/evaluate/flags");
  });
});
