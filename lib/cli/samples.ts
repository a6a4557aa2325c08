// `switchback push <release> error_rate=0.7 p95_ms=420`: each argument one sample, checked here so
// a typo fails before anything is sent (exit 4), with the argument it means.

export interface Sample {
  signal: string;
  value: number;
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

export function parseSamples(pairs: readonly string[]): Sample[] {
  if (pairs.length === 0) throw new Error("Give at least one sample as signal=value, e.g. error_rate=0.7.");
  return pairs.map((pair) => {
    const split = pair.indexOf("=");
    const signal = split > 0 ? pair.slice(0, split).trim() : "";
    const raw = split > 0 ? pair.slice(split + 1).trim() : "";
    if (!signal) throw new Error(`"${pair}" is not signal=value, e.g. error_rate=0.7.`);
    if (!NUMBER.test(raw) || !Number.isFinite(Number(raw))) throw new Error(`"${pair}": the value of ${signal} must be a number, e.g. ${signal}=0.7.`);
    return { signal, value: Number(raw) };
  });
}
