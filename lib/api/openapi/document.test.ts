import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { referenceHtml } from "@/lib/api/openapi/reference-html";

const document = buildOpenApiDocument("https://switchback.example.com");
const v1 = path.join(process.cwd(), "app/api/v1");

// Every route file under app/api/v1 as "METHOD /api/v1/..." for each handler it exports.
function routeOperations(): string[] {
  return (readdirSync(v1, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .flatMap((file) => {
      const template = `/api/v1/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
      const source = readFileSync(path.join(v1, file), "utf8");
      const methods = [...source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      return methods.map((method) => `${method} ${template}`);
    })
    .sort();
}

const documented = () =>
  Object.entries(document.paths)
    .flatMap(([route, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${route}`))
    .sort();

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(document) as never);
    // On failure this shows the validator's errors instead of a bare `false`.
    expect(result).toEqual({ valid: true, warnings: [], specification: "OpenAPI" });
    expect(document.openapi).toBe("3.1.0");
  });

  it("documents exactly the handlers under app/api/v1, so neither can drift from the other", () => {
    expect(documented()).toEqual(routeOperations());
  });

  it("lists the error answers a caller will meet: 401 and 403 wherever credentials are needed", () => {
    const missing = Object.entries(document.paths).flatMap(([route, item]) =>
      Object.entries(item)
        .filter(([, op]) => (op as { security?: unknown[] }).security?.length)
        .filter(([, op]) => !op.responses?.["401"] || !op.responses?.["403"])
        .map(([method]) => `${method} ${route}`),
    );
    expect(missing).toEqual([]);
  });

  it("names the pipeline token scope of every operation a token may call", () => {
    expect(document.paths["/api/v1/releases/{id}/gate"]!.get!["x-scopes"]).toEqual(["gate"]);
    expect(document.paths["/api/v1/releases/{id}/stages/{stage}/complete"]!.post!["x-scopes"]).toEqual(["deploy"]);
    expect(document.paths["/api/v1/releases"]!.get!.description).toContain("`read` scope");
  });

  it("documents the gate's three answers with their own bodies", () => {
    const answers = document.paths["/api/v1/releases/{id}/gate"]!.get!.responses!;
    expect(Object.fromEntries(["200", "202", "409"].map((s) => [s, answers[s]!.content!["application/json"]!.schema!.$ref]))).toEqual({
      "200": "#/components/schemas/GatePass",
      "202": "#/components/schemas/GateWaiting",
      "409": "#/components/schemas/GateClosed",
    });
  });

  it("does not ask for the release id in a body when the URL carries it", () => {
    const decision = document.components!.schemas!.DecisionRequest!;
    expect(Object.keys(decision.properties!)).toEqual(["verdict", "reason", "flag"]);
    expect(decision.required).toEqual(["verdict"]);
  });
});

describe("the reference page", () => {
  const html = referenceHtml(document);

  it("shows every operation with its method, path and summary, and links the JSON", () => {
    for (const [route, item] of Object.entries(document.paths))
      for (const [method, op] of Object.entries(item)) {
        expect(html).toContain(`<span class="method">${method.toUpperCase()}</span> <code>${route}</code>`);
        expect(html).toContain(op.summary!.replace(/'/g, "&#39;"));
      }
    expect(html).toContain('href="/api/v1/openapi.json"');
  });

  it("runs no script and loads nothing from elsewhere", () => {
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!switchback\.example\.com)/i);
  });
});
