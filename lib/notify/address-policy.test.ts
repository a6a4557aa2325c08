import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { addressAllowed, urlProblem } from "@/lib/notify/address-policy";

// Which destinations a webhook may reach, and how WEBHOOK_ALLOW_PRIVATE opts in. Delivery and
// save are tested end to end in dispatch-guard.test.ts and commands.test.ts.

const PRIVATE = [
  "127.0.0.1",
  "127.255.0.9",
  "::1",
  "::ffff:127.0.0.1",
  "10.0.0.5",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.10",
  "169.254.169.254",
  "fd00:ec2::254",
  "fc00::1",
  "fe80::1",
  "0.0.0.0",
  "100.64.0.1",
  "224.0.0.1",
];
const PUBLIC = ["8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"];

describe("addressAllowed", () => {
  it("lets only public unicast addresses through by default", () => {
    for (const address of PRIVATE) expect(addressAllowed(address, []), address).toBe(false);
    for (const address of PUBLIC) expect(addressAllowed(address, []), address).toBe(true);
  });

  it("lets through exactly the listed ranges, or everything with true", () => {
    const allow = ["10.20.0.0/16", "fd12::/16", "192.168.1.10"];
    expect(["10.20.3.4", "fd12::5", "192.168.1.10", "::ffff:10.20.0.1"].every((a) => addressAllowed(a, allow))).toBe(true);
    expect(["10.21.0.1", "192.168.1.11", "127.0.0.1", "169.254.169.254"].some((a) => addressAllowed(a, allow))).toBe(false);
    expect(PRIVATE.every((a) => addressAllowed(a, true))).toBe(true);
  });
});

describe("urlProblem", () => {
  it("reads every spelling of an address the way the URL parser does", () => {
    for (const url of [
      "http://2130706433/",
      "http://0x7f.1/",
      "http://0177.0.0.1/",
      "http://127.1/",
      "http://[::ffff:7f00:1]/",
      "http://LOCALHOST./",
      "https://x.localhost/",
    ]) {
      expect(urlProblem(url, []), url).toMatch(/WEBHOOK_ALLOW_PRIVATE/);
    }
    expect(urlProblem("https://hooks.slack.com/services/T0/B0/X", [])).toBeNull();
    expect(urlProblem("http://10.1.2.3:8065/hooks/abc", ["10.0.0.0/8"])).toBeNull();
    expect(urlProblem("http://localhost:8065/hooks/abc", true)).toBeNull();
  });
});

describe("WEBHOOK_ALLOW_PRIVATE", () => {
  it("is off by default, true for any private address, or a list of CIDRs", () => {
    expect(parseEnv({}).WEBHOOK_ALLOW_PRIVATE).toEqual([]);
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "false" }).WEBHOOK_ALLOW_PRIVATE).toEqual([]);
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "true" }).WEBHOOK_ALLOW_PRIVATE).toBe(true);
    expect(parseEnv({ WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/8, fd00::/8,192.168.1.5" }).WEBHOOK_ALLOW_PRIVATE).toEqual(["10.0.0.0/8", "fd00::/8", "192.168.1.5"]);
    expect(() => parseEnv({ WEBHOOK_ALLOW_PRIVATE: "10.0.0.0/33" })).toThrow(/WEBHOOK_ALLOW_PRIVATE must be true, false or a comma-separated list of CIDRs/);
  });
});
