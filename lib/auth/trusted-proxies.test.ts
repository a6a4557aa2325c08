import { describe, expect, it } from "vitest";
import { forwardedFor, NO_PROXIES, parseTrustedProxies, resolveClientAddress, splitForwardedFor } from "@/lib/auth/trusted-proxies";

// What the app sees as the client address, for the header our server passes on to Next.
const seen = (incoming: string | undefined, peer: string, trust: string) => {
  const parsed = parseTrustedProxies(trust);
  return resolveClientAddress(splitForwardedFor(forwardedFor(incoming, peer, parsed)), parsed);
};

describe("the client address behind TRUSTED_PROXIES", () => {
  it("ignores a client's own X-Forwarded-For when no proxy is trusted: rotating it changes nothing", () => {
    const addresses = ["198.51.100.1", "198.51.100.2", "1.2.3.4, 5.6.7.8"].map((xff) => seen(xff, "203.0.113.9", ""));
    expect(new Set(addresses)).toEqual(new Set(["203.0.113.9"]));
    expect(seen(undefined, "::ffff:203.0.113.9", "")).toBe("203.0.113.9");
  });

  it("with a hop count takes the address the nearest trusted proxy saw, not what the client wrote", () => {
    // client (forging 6.6.6.6) → proxy appends the client's real address → us (peer = proxy)
    expect(seen("6.6.6.6, 198.51.100.7", "10.0.0.2", "1")).toBe("198.51.100.7");
    expect(seen("6.6.6.6, 198.51.100.7, 10.0.0.3", "10.0.0.2", "2")).toBe("198.51.100.7");
    expect(seen(undefined, "10.0.0.2", "1")).toBe("10.0.0.2");
  });

  it("with CIDRs walks back over trusted hops only; a direct caller outside them is the client", () => {
    expect(seen("6.6.6.6, 198.51.100.7, 10.0.0.3", "10.0.0.2", "10.0.0.0/8")).toBe("198.51.100.7");
    expect(seen("6.6.6.6, 10.0.0.3", "203.0.113.9", "10.0.0.0/8")).toBe("203.0.113.9");
    expect(seen("2001:db8::1", "::1", "127.0.0.1, ::1/128")).toBe("2001:db8::1");
  });

  it("refuses values that are neither a hop count nor addresses", () => {
    expect(parseTrustedProxies(undefined)).toEqual(NO_PROXIES);
    expect(parseTrustedProxies(" 2 ")).toEqual({ hops: 2 });
    expect(() => parseTrustedProxies("11")).toThrow(/hop count/);
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(/proxy.internal/);
  });
});
