import ipaddr from "ipaddr.js";

// Which X-Forwarded-For entries to believe. Next.js's own server only fills X-Forwarded-For from
// the socket when the request has none (`??=` in next/dist/server/base-server.js), so with Next
// exposed directly a client could name any address it likes. Our server (scripts/serve.ts) puts
// the socket peer last and keeps what came before it only when proxies are trusted; the client is
// then found by walking back from the peer over trusted hops, as Express's `trust proxy` does.

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

// `hops`: that many proxies stand in front of us. `ranges`: every hop from these addresses is ours.
export type TrustedProxies = { hops: number } | { ranges: Range[] };

export const NO_PROXIES: TrustedProxies = { hops: 0 };

// "", "0".."10", or a comma-separated list of addresses and CIDRs ("10.0.0.0/8, 127.0.0.1").
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "") return NO_PROXIES;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error("must be a hop count from 0 to 10, or a list of proxy addresses/CIDRs");
    return { hops };
  }
  const ranges = text.split(",").map((part): Range => {
    const entry = part.trim();
    if (ipaddr.isValidCIDR(entry)) return ipaddr.parseCIDR(entry);
    if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      return [address, address.kind() === "ipv4" ? 32 : 128];
    }
    throw new Error(`must be a hop count or a list of proxy addresses/CIDRs ("${entry}" is neither)`);
  });
  return { ranges };
}

const trustsAny = (trust: TrustedProxies) => ("hops" in trust ? trust.hops > 0 : trust.ranges.length > 0);

// One spelling per address (IPv4-mapped IPv6 as plain IPv4), so throttling keys agree.
export function normalizeAddress(entry: string): string {
  const trimmed = entry.trim();
  return ipaddr.isValid(trimmed) ? ipaddr.process(trimmed).toString() : trimmed.slice(0, 64);
}

function isTrusted(entry: string, ranges: Range[]): boolean {
  if (!ipaddr.isValid(entry)) return false;
  const address = ipaddr.process(entry);
  return ranges.some(([range, bits]) => address.kind() === range.kind() && address.match(range, bits));
}

export function splitForwardedFor(header: string | string[] | null | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(",") : (header ?? "");
  return joined
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

// The X-Forwarded-For our server hands to Next: the socket peer last, anything a client sent
// before it only when we are told proxies stand in front (otherwise it is the client's own words).
export function forwardedFor(incoming: string | string[] | undefined, peer: string | undefined, trust: TrustedProxies): string {
  const before = trustsAny(trust) ? splitForwardedFor(incoming) : [];
  return [...before, peer ? normalizeAddress(peer) : "unknown"].join(", ");
}

// The client of a chain whose last entry is the socket peer.
export function resolveClientAddress(chain: string[], trust: TrustedProxies): string {
  if (chain.length === 0) return "unknown";
  let index = chain.length - 1;
  if ("hops" in trust) {
    index = Math.max(0, index - trust.hops);
  } else {
    while (index > 0 && isTrusted(chain[index]!, trust.ranges)) index -= 1;
  }
  return normalizeAddress(chain[index]!);
}
