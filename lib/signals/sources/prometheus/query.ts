import { z } from "@/lib/input/zod";

// Prometheus's instant-query API reduced to the outcomes a signal can have. A criterion needs
// exactly one number per poll, so anything else (no series, several series, NaN) is reported as
// what it is and never turned into a number.

export type PromResult =
  | { kind: "value"; value: number; at: Date }
  | { kind: "empty" }
  | { kind: "nan" }
  | { kind: "error"; message: string }
  | { kind: "timeout" }
  | { kind: "unreachable"; message: string };

// Sample values are strings on the wire so that NaN and the infinities survive JSON.
const sample = z.tuple([z.number(), z.string()]);

const answer = z.union([
  z.object({
    status: z.literal("success"),
    data: z.discriminatedUnion("resultType", [
      z.object({ resultType: z.literal("vector"), result: z.array(z.object({ value: sample })) }),
      z.object({ resultType: z.literal("scalar"), result: sample }),
      z.object({ resultType: z.literal("matrix"), result: z.array(z.unknown()) }),
      z.object({ resultType: z.literal("string"), result: z.unknown() }),
    ]),
  }),
  // bad_data (400), execution errors (422) and timeouts or cancellations inside Prometheus (503).
  z.object({ status: z.literal("error"), error: z.string() }),
]);

function fromSample([seconds, text]: z.infer<typeof sample>): PromResult {
  // "NaN", "+Inf" and "-Inf" all come out of Number() as non-finite: none is a usable reading.
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: "nan" };
  return { kind: "value", value, at: new Date(Math.round(seconds * 1000)) };
}

function interpret(body: z.infer<typeof answer>): PromResult {
  if (body.status === "error") return { kind: "error", message: body.error };
  const { data } = body;
  switch (data.resultType) {
    case "scalar":
      return fromSample(data.result);
    case "vector": {
      const [only, ...others] = data.result;
      if (!only) return { kind: "empty" };
      // Picking one series of several would make the tile depend on Prometheus's ordering.
      if (others.length > 0) {
        return { kind: "error", message: `The query returned ${data.result.length} series; aggregate it to one (e.g. sum(...))` };
      }
      return fromSample(only.value);
    }
    case "matrix":
      return { kind: "error", message: "The query returned a range vector; wrap it in a function such as rate(...)" };
    case "string":
      return { kind: "error", message: "The query returned a string, not a number" };
  }
}

/** What a signal shows for a result that carries no value, or null when it does. */
export function describeProblem(result: PromResult, timeoutMs: number): string | null {
  switch (result.kind) {
    case "value":
      return null;
    case "empty":
      return "Prometheus returned no data for this query";
    case "nan":
      return "Prometheus returned NaN (no data in the rate window?)";
    case "error":
      return `PromQL error: ${result.message}`;
    case "timeout":
      return `Prometheus did not answer in ${timeoutMs / 1000} s`;
    case "unreachable":
      return result.message;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// fetch hides the socket error in `cause`; an AggregateError (several addresses tried) has only a code.
function describeFailure(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) return cause.message || (cause as NodeJS.ErrnoException).code || cause.name;
  return String(cause);
}

export async function queryPrometheus(baseUrl: string, promql: string, timeoutMs: number): Promise<PromResult> {
  const url = new URL("api/v1/query", baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  url.searchParams.set("query", promql);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } });
    const parsed = answer.safeParse(parseJson(await response.text()));
    if (!parsed.success) {
      return {
        kind: "unreachable",
        message: `${url.origin} answered HTTP ${response.status} without a Prometheus query result; check the Prometheus base URL`,
      };
    }
    return interpret(parsed.data);
  } catch (error) {
    if (error instanceof Error && error.name === "TimeoutError") return { kind: "timeout" };
    return { kind: "unreachable", message: `Cannot reach Prometheus at ${url.origin}: ${describeFailure(error)}` };
  }
}
