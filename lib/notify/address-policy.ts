import { lookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "@/lib/env";

// A webhook URL is typed by an admin and fetched by the server. Unchecked, it lets anyone with
// that form make Switchback call its own database, the cloud metadata service or anything else on
// the private network (SSRF), and read the answer back from "Recent deliveries".
// Only globally routable unicast addresses pass; `true` or a list of CIDRs (WEBHOOK_ALLOW_PRIVATE)
// lets an operator opt in for a chat server on their own network.

export type AllowPrivate = true | readonly string[];

export const envAllowPrivate = (): AllowPrivate => env.WEBHOOK_ALLOW_PRIVATE;

export class AddressRefused extends Error {
  constructor(readonly host: string) {
    super(`${host} is a private, loopback or link-local address`);
    this.name = "AddressRefused";
  }
}

const cidr = (text: string) => (text.includes("/") ? ipaddr.parseCIDR(text) : ipaddr.parseCIDR(`${text}/${ipaddr.parse(text).kind() === "ipv4" ? 32 : 128}`));

/** Whether the server may connect to this IP address (any textual form ipaddr.js reads). */
export function addressAllowed(address: string, allow: AllowPrivate): boolean {
  if (allow === true) return true;
  if (!ipaddr.isValid(address)) return false;
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it stands for.
  const ip = ipaddr.process(address);
  // range() names every special-purpose block (loopback, private, linkLocal, uniqueLocal,
  // unspecified, carrierGradeNat, multicast, NAT64 …): only plain unicast is the public internet.
  if (ip.range() === "unicast") return true;
  return allow.some((entry) => {
    const range = cidr(entry);
    return range[0].kind() === ip.kind() && ip.match(range);
  });
}

// localhost and *.localhost resolve to loopback by definition (RFC 6761), whatever DNS says.
const isLocalName = (host: string) => /(^|\.)localhost\.?$/i.test(host);

/**
 * Why an admin may not save this URL, or null. Only what the URL itself says is checked here
 * (literal addresses, localhost); names are checked against what they resolve to at delivery.
 * The URL parser has already rewritten 2130706433, 0x7f.1 and 0177.0.0.1 to 127.0.0.1.
 */
export function urlProblem(url: string, allow: AllowPrivate = envAllowPrivate()): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return null;
  }
  if (allow === true) return null;
  const literal = isIP(host) !== 0;
  if ((literal && !addressAllowed(host, allow)) || (!literal && isLocalName(host) && !addressAllowed("127.0.0.1", allow))) {
    return "Webhooks cannot post to loopback, private, link-local or metadata addresses. To reach a chat server on your own network, set WEBHOOK_ALLOW_PRIVATE.";
  }
  return null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves the name, refuses it if ANY address it resolves to is
 * not allowed, and hands the socket only the checked addresses, so a DNS answer that changes
 * between check and connect (DNS rebinding) cannot smuggle in another one.
 */
export function guardedLookup(allow: AllowPrivate) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) => {
    const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : Number(options.family) || 0;
    lookup(hostname, { all: true, family }, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || addresses.some((a) => !addressAllowed(a.address, allow))) return callback(new AddressRefused(hostname), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
