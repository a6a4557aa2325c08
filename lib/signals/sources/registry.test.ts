import { describe, expect, it } from "vitest";
import { SignalSource } from "@/lib/generated/prisma/enums";
import { SELECTABLE_SOURCES, SOURCE_CATALOG } from "@/lib/signals/sources/catalog";
import { PROMETHEUS_NOT_CONFIGURED, prometheusHealth } from "@/lib/signals/sources/prometheus/source";
import { SIGNAL_SOURCES } from "@/lib/signals/sources/registry";

// The registry and its browser-safe catalog cover every value of the database enum, agree with
// each other, and each source's form fields are exactly its config schema's keys.

const kinds = Object.values(SignalSource);

describe("signal source registry", () => {
  it.each(kinds)("%s has one entry, the same in the catalog and the registry", (kind) => {
    const { kind: catalogKind, label, tag, selectable, config, fields } = SOURCE_CATALOG[kind];
    expect(catalogKind).toBe(kind);
    expect(SIGNAL_SOURCES[kind]).toMatchObject({ kind, label, tag, selectable, config, fields });
    expect(SIGNAL_SOURCES[kind].health().message).toMatch(/\.$/);
  });

  it.each(kinds)("%s's form fields are its config's keys", (kind) => {
    const { config, fields } = SOURCE_CATALOG[kind];
    const shape = (config as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    expect(fields.map((field) => field.name)).toEqual(Object.keys(shape));
  });

  it("offers push, Prometheus and the target database for a criterion, never the demo generator", () => {
    expect(SELECTABLE_SOURCES.map((source) => [source.kind, source.label])).toEqual([
      ["PUSH", "Pushed through the API"],
      ["PROMETHEUS", "Prometheus query"],
      ["DATABASE", "Target database"],
    ]);
  });

  it("polls Prometheus, the target database and the demo generator; pushed values arrive by themselves", () => {
    expect(Object.fromEntries(kinds.map((kind) => [kind, SIGNAL_SOURCES[kind].mode]))).toEqual({
      PROMETHEUS: "poll",
      PUSH: "push",
      DATABASE: "poll",
      DEMO: "poll",
    });
    for (const source of Object.values(SIGNAL_SOURCES)) if (source.mode === "poll") expect(source.start).toBeTypeOf("function");
  });

  it("says Prometheus is unusable until the server knows its URL", () => {
    expect(prometheusHealth(undefined)).toEqual({ ok: false, message: PROMETHEUS_NOT_CONFIGURED });
    expect(PROMETHEUS_NOT_CONFIGURED).toContain("PROMETHEUS_URL");
    expect(prometheusHealth("http://127.0.0.1:9090/prometheus/")).toEqual({ ok: true, message: "Polled from http://127.0.0.1:9090." });
  });
});
