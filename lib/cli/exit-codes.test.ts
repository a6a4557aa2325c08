import { describe, expect, it } from "vitest";
import { retryAfterMs } from "@/lib/cli/client";
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from "@/lib/cli/exit-codes";
import { refusal } from "@/lib/cli/io";

describe("exit codes from Switchback's answers", () => {
  it("maps the gate's three answers to go, stop and still waiting", () => {
    expect([200, 409, 202].map((status) => exitCodeFor(status, "gate"))).toEqual([EXIT.OK, EXIT.STOP, EXIT.WAITING]);
  });

  it("treats 202 as accepted for the other commands (the push route's answer)", () => {
    expect(exitCodeFor(202, "other")).toBe(EXIT.OK);
  });

  it("sends refused calls to 4 and server failures to 3", () => {
    expect([400, 401, 403, 404, 413].map((status) => exitCodeFor(status, "other"))).toEqual([4, 4, 4, 4, 4]);
    expect([500, 502, 503].map((status) => exitCodeFor(status, "gate"))).toEqual([3, 3, 3]);
  });

  it("lists every exit code in the help", () => {
    for (const code of Object.values(EXIT)) expect(EXIT_CODES_HELP).toMatch(new RegExp(`^  ${code}  `, "m"));
  });

  it("explains a refusal with the server's message and the fields it names", () => {
    const answer = {
      status: 400,
      body: { error: { code: "INVALID", message: "The batch is not valid.", fieldErrors: { "0.signal": ["is not a signal of this release: eror_rate"] } } },
    };
    expect(refusal(answer)).toBe("Error (400): The batch is not valid.\n  0.signal: is not a signal of this release: eror_rate");
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2026-12-02T10:00:00Z");

  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    expect(retryAfterMs("5", now)).toBe(5000);
    expect(retryAfterMs("Wed, 02 Dec 2026 10:00:07 GMT", now)).toBe(7000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
