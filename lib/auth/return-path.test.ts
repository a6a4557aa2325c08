import { describe, expect, it } from "vitest";
import { safeReturnPath, signInHref } from "@/lib/auth/return-path";

describe("safeReturnPath", () => {
  it.each([
    ["/releases/3f1c/cockpit", "/releases/3f1c/cockpit"],
    ["/audit?action=release.created&release=r1", "/audit?action=release.created&release=r1"],
    ["/releases/r1/audit/report#flips", "/releases/r1/audit/report#flips"],
    ["/releases/../settings/tokens", "/settings/tokens"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "//evil.example/releases",
    "https://evil.example/releases",
    "http:/evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "releases",
    "",
    " /releases",
    "/sign-in",
    "/sign-in?callbackUrl=%2Freleases",
  ])("refuses %j", (value) => {
    expect(safeReturnPath(value)).toBeNull();
  });

  it("refuses a path longer than any link of ours", () => {
    expect(safeReturnPath(`/${"a".repeat(3000)}`)).toBeNull();
  });

  it("refuses what is not a string", () => {
    expect(safeReturnPath(undefined)).toBeNull();
    expect(safeReturnPath(null)).toBeNull();
    expect(safeReturnPath(["/releases"])).toBeNull();
  });
});

describe("signInHref", () => {
  it("carries the page someone was going to", () => {
    expect(signInHref("/releases/r1/cockpit")).toBe("/sign-in?callbackUrl=%2Freleases%2Fr1%2Fcockpit");
    expect(signInHref("/audit?action=x&release=y")).toBe("/sign-in?callbackUrl=%2Faudit%3Faction%3Dx%26release%3Dy");
  });

  it("adds nothing for the default landing page or an unsafe or unknown path", () => {
    expect(signInHref("/releases")).toBe("/sign-in");
    expect(signInHref("//evil.example")).toBe("/sign-in");
    expect(signInHref(null)).toBe("/sign-in");
  });
});
