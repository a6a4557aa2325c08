import type { TokenScope } from "@/lib/tokens/scopes";
import type { TokenKind } from "@/lib/tokens/tokens";

// A command that works as pasted, so whoever wires a token into a job starts from a call that
// succeeds: the right endpoint for the token's kind, its header and a body of the right shape.
// Values are single-quoted for POSIX shells; a secret is base64url and an origin has no quote.

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

const post = (url: string, secret: string, body: unknown) =>
  [
    `curl -X POST ${quote(url)}`,
    `  -H ${quote(`Authorization: Bearer ${secret}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${quote(JSON.stringify(body))}`,
  ].join(" \\\n");

const get = (url: string, secret: string) => [`curl ${quote(url)}`, `  -H ${quote(`Authorization: Bearer ${secret}`)}`].join(" \\\n");

export function curlExample(input: { origin: string; kind: TokenKind; secret: string; releaseId: string | null }): string {
  return input.kind === "SIGNAL_PUSH"
    ? post(`${input.origin}/api/v1/releases/${input.releaseId ?? "RELEASE_ID"}/signals`, input.secret, [{ signal: "error_rate", value: 1.2 }])
    : post(`${input.origin}/ofrep/v1/evaluate/flags`, input.secret, { context: {} });
}

export interface PipelineExample {
  scope: TokenScope;
  title: string;
  command: string;
}

// One call per scope the pipeline token holds, in the scopes' own order. A service-wide
// token names no release, so its calls carry RELEASE_ID for the release the pipeline works on,
// and its read lists the service's releases (where that id comes from).
export function pipelineExamples(input: {
  origin: string;
  secret: string;
  releaseId: string | null;
  service: string | null;
  scopes: TokenScope[];
}): PipelineExample[] {
  const release = `${input.origin}/api/v1/releases/${input.releaseId ?? "RELEASE_ID"}`;
  const make: Record<TokenScope, () => Omit<PipelineExample, "scope">> = {
    read: () =>
      input.releaseId || !input.service
        ? { title: "Read the release: status, stages, decision, flag", command: get(release, input.secret) }
        : {
            title: `List the releases of ${input.service}`,
            command: get(`${input.origin}/api/v1/releases?service=${encodeURIComponent(input.service)}`, input.secret),
          },
    push: () => ({ title: "Push a signal sample", command: post(`${release}/signals`, input.secret, [{ signal: "error_rate", value: 1.2 }]) }),
    gate: () => ({
      title: "Wait up to 15 minutes at the Migrate gate (200 go, 409 stop, 202 still waiting)",
      command: get(`${release}/gate?stage=migrate&wait=900`, input.secret),
    }),
    // A service-wide token's pipeline starts by creating its release; a release-scoped one's by starting the deploy.
    deploy: () =>
      input.releaseId || !input.service
        ? { title: "Start the deploy of the ready release", command: post(`${release}/deploy/start`, input.secret, {}) }
        : {
            title: `Create a release of ${input.service}, copying its newest plan`,
            command: post(`${input.origin}/api/v1/releases`, input.secret, { title: "Orders: add note column", from: "latest" }),
          },
  };
  return input.scopes.map((scope) => ({ scope, ...make[scope]() }));
}
