import { describe, expect, it } from "vitest";
import { assertStorableText, isStorableText, unstorableTextPaths } from "@/lib/input/storable-text";

describe("storable text", () => {
  it.each([
    ["plain", true],
    ["emoji 🚀 (a surrogate pair)", true],
    ["é ü 中文", true],
    ["\u0000", false],
    ["a\ud800", false],
    ["\udfffb", false],
    ["\ud83d\ud83d", false],
  ])("%j storable: %s", (value, expected) => expect(isStorableText(value)).toBe(expected));

  it("names every offending path, keys included, at any depth", () => {
    const input = JSON.parse('{"title":"ok","stages":[{"sql":"x"},{"sql":"\\u0000"}],"bad\\ud800key":1,"__proto__":{"x":"\\udc00"}}');
    expect(unstorableTextPaths(input).sort()).toEqual(["__proto__.x", "bad\ud800key", "stages.1.sql"].sort());
  });

  it("walks nesting deeper than the call stack without overflowing", () => {
    const deep = JSON.parse(`${"[".repeat(50_000)}"\\u0000"${"]".repeat(50_000)}`);
    expect(unstorableTextPaths(deep)).toHaveLength(1);
  });

  it("throws INVALID with a field error per path, the root named when the input is a bare string", () => {
    expect(() => assertStorableText({ reason: "a\u0000" })).toThrow(
      expect.objectContaining({ code: "INVALID", fieldErrors: { reason: [expect.stringContaining("cannot be stored")] } }),
    );
    expect(() => assertStorableText("\u0000", "body")).toThrow(expect.objectContaining({ fieldErrors: { body: [expect.any(String)] } }));
    expect(() => assertStorableText({ n: 1, ok: [true, null, "fine"] })).not.toThrow();
  });
});
