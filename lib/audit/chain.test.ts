import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, toJson, type ChainedFields } from "@/lib/audit/chain";

const base: ChainedFields = {
  actorType: "USER",
  actorId: "6d1f1f7e-7d47-4f4f-9d3e-0f5e8c1b2a10",
  actorLabel: "Omar Haddad",
  at: new Date("2026-11-20T10:00:00.123Z"),
  action: "release.updated",
  releaseId: "0b7f5d2e-2f7c-4b1e-8a7e-4c3c2d1b0a99",
  before: { title: "Old", owners: ["a", "b"] },
  after: { title: "New", owners: ["a", "b"] },
  prevHash: "abc",
};

describe("audit hash chain", () => {
  it("does not depend on key order, since jsonb does not keep it", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(eventHash({ ...base, after: { owners: ["a", "b"], title: "New" } })).toBe(eventHash(base));
  });

  it("changes when any chained field changes", () => {
    const original = eventHash(base);
    const variants: Partial<ChainedFields>[] = [
      { actorLabel: "Someone else" },
      { actorId: null },
      { at: new Date("2026-11-20T10:00:00.124Z") },
      { action: "release.deleted" },
      { releaseId: null },
      { before: { title: "Older" } },
      { after: { title: "New", owners: ["b", "a"] } },
      { prevHash: "abd" },
    ];
    for (const variant of variants) expect(eventHash({ ...base, ...variant })).not.toBe(original);
  });

  it("stores dates as ISO strings and drops undefined, as jsonb would return them", () => {
    expect(toJson({ at: new Date("2026-01-02T03:04:05.000Z"), gone: undefined, n: 10n, bad: Number.NaN })).toEqual({
      at: "2026-01-02T03:04:05.000Z",
      n: "10",
      bad: null,
    });
  });
});
