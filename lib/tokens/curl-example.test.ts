import { describe, expect, it } from "vitest";
import { curlExample, pipelineExamples } from "@/lib/tokens/curl-example";

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

describe("pipelineExamples", () => {
  const origin = "https://switchback.example";

  it("gives one call per scope against the token's release, the gate waiting at Migrate", () => {
    const examples = pipelineExamples({ origin, secret: "sbc_abc", releaseId: "0f8c", service: null, scopes: ["read", "gate"] });
    expect(examples.map((e) => e.scope)).toEqual(["read", "gate"]);
    expect(examples[0]!.command).toBe(["curl 'https://switchback.example/api/v1/releases/0f8c' \\", "  -H 'Authorization: Bearer sbc_abc'"].join("\n"));
    expect(examples[1]!.command).toContain("curl 'https://switchback.example/api/v1/releases/0f8c/gate?stage=migrate&wait=900'");
  });

  it("lists and creates a service's releases for a service-wide token, leaving the release to fill in elsewhere", () => {
    const examples = pipelineExamples({ origin, secret: "sbc_abc", releaseId: null, service: "billing api", scopes: ["read", "push", "deploy"] });
    expect(examples[0]!.command).toContain("curl 'https://switchback.example/api/v1/releases?service=billing%20api'");
    expect(examples[1]!.command).toContain("curl -X POST 'https://switchback.example/api/v1/releases/RELEASE_ID/signals'");
    expect(examples[2]!.command).toContain("curl -X POST 'https://switchback.example/api/v1/releases' \\");
    expect(examples[2]!.command).toContain(`"from":"latest"`);
  });

  it("starts the deploy of the token's release with the deploy scope", () => {
    const [deploy] = pipelineExamples({ origin, secret: "sbc_abc", releaseId: "0f8c", service: null, scopes: ["deploy"] });
    expect(deploy!.command).toContain("curl -X POST 'https://switchback.example/api/v1/releases/0f8c/deploy/start'");
    expect(deploy!.command).toContain(`-d '{}'`);
  });
});
