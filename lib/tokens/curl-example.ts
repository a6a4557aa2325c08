import type { TokenKind } from "@/lib/tokens/tokens";

// A command that works as pasted, so whoever wires a token into a job starts from a call that
// succeeds: the right endpoint for the token's kind, its header and a body of the right shape.
// Values are single-quoted for POSIX shells; a secret is base64url and an origin has no quote.

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

export function curlExample(input: { origin: string; kind: TokenKind; secret: string; releaseId: string | null }): string {
  const [path, body] =
    input.kind === "SIGNAL_PUSH"
      ? [`/api/v1/releases/${input.releaseId ?? "RELEASE_ID"}/signals`, [{ signal: "error_rate", value: 1.2 }]]
      : ["/ofrep/v1/evaluate/flags", { context: {} }];
  return [
    `curl -X POST ${quote(`${input.origin}${path}`)}`,
    `  -H ${quote(`Authorization: Bearer ${input.secret}`)}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${quote(JSON.stringify(body))}`,
  ].join(" \\\n");
}
