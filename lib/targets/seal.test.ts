import { describe, expect, it } from "vitest";
import { deriveSealKey, seal, unseal, UnsealError } from "@/lib/targets/seal";

const key = deriveSealKey("a".repeat(40));
const retired = deriveSealKey("b".repeat(40));
const URL = "postgresql://reader:s3cret@db.example.test:5432/shop";

// Flips one character of one dot-separated part, keeping it valid base64url.
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const text = parts[part]!;
  parts[part] = (text[0] === "A" ? "B" : "A") + text.slice(1);
  return parts.join(".");
}

describe("sealed target URLs", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const sealed = seal(URL, [key]);
    expect(sealed).toMatch(/^v1\.[0-9a-f]{16}\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain("s3cret");
    expect(unseal(sealed, [key])).toBe(URL);
  });

  it("uses a fresh IV every time", () => {
    expect(seal(URL, [key])).not.toBe(seal(URL, [key]));
  });

  it("detects a changed ciphertext, tag or IV", () => {
    const sealed = seal(URL, [key]);
    for (const part of [2, 3, 4]) expect(() => unseal(tamper(sealed, part), [key])).toThrow(UnsealError);
  });

  it("refuses another version or a key it does not hold", () => {
    const sealed = seal(URL, [key]);
    expect(() => unseal(sealed.replace(/^v1/, "v2"), [key])).toThrow(/version/);
    expect(() => unseal(sealed, [retired])).toThrow(/key this server does not have/);
  });

  it("opens values sealed by a retired key after a rotation", () => {
    const old = seal(URL, [retired]);
    expect(unseal(old, [key, retired])).toBe(URL);
    expect(seal(URL, [key, retired]).split(".")[1]).toBe(key.id);
  });

  it("seals with the server's own key by default", () => {
    expect(unseal(seal(URL))).toBe(URL);
  });
});
