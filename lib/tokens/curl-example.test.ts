import { describe, expect, it } from "vitest";
import { curlExample } from "@/lib/tokens/curl-example";

describe("curlExample", () => {
  it("pushes a sample to the token's release with its bearer token", () => {
    expect(curlExample({ origin: "https://switchback.example", kind: "SIGNAL_PUSH", secret: "sbp_abc", releaseId: "0f8c" })).toBe(
      [
        "curl -X POST 'https://switchback.example/api/v1/releases/0f8c/signals' \\",
        "  -H 'Authorization: Bearer sbp_abc' \\",
        "  -H 'Content-Type: application/json' \\",
        `  -d '[{"signal":"error_rate","value":1.2}]'`,
      ].join("\n"),
    );
  });

  it("evaluates every flag over OFREP with a read token", () => {
    const command = curlExample({ origin: "http://127.0.0.1:3000", kind: "FLAG_READ", secret: "sbr_xyz", releaseId: null });
    expect(command).toContain("curl -X POST 'http://127.0.0.1:3000/ofrep/v1/evaluate/flags'");
    expect(command).toContain("-H 'Authorization: Bearer sbr_xyz'");
    expect(command).toContain(`-d '{"context":{}}'`);
  });

  it("keeps a quote in a value from ending the shell word", () => {
    expect(curlExample({ origin: "http://it's.example", kind: "FLAG_READ", secret: "s", releaseId: null })).toContain(
      `'http://it'\\''s.example/ofrep/v1/evaluate/flags'`,
    );
  });
});
