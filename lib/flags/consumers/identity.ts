import { isStorableText } from "@/lib/input/storable-text";

// Who is evaluating: the token's name, plus the consumer id the SDK sends (the
// X-Switchback-Consumer header, else the evaluation context's targetingKey). The id is whatever a
// client chose to send: bounded, without control characters, and storable, or it is ignored.

export const CONSUMER_HEADER = "x-switchback-consumer";
const MAX_ID_CHARS = 120;

export function cleanConsumerId(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  // Control characters (NUL, newlines, escapes) and lone surrogate halves go; the rest is kept.
  const text = raw.replace(/[\p{Cc}\p{Cs}]/gu, "").trim();
  const id = Array.from(text).slice(0, MAX_ID_CHARS).join("").trim();
  return id && isStorableText(id) ? id : null;
}

export interface ConsumerIdentity {
  // "<token name>" or "<token name>/<consumer id>", as flag_consumers stores it.
  consumer: string;
  tokenName: string;
  consumerId: string | null;
}

export function identify(tokenName: string, consumerId: string | null): ConsumerIdentity {
  return { consumer: consumerId ? `${tokenName}/${consumerId}` : tokenName, tokenName, consumerId };
}

export const consumerIdOf = (headers: Pick<Headers, "get">, targetingKey: unknown): string | null =>
  cleanConsumerId(headers.get(CONSUMER_HEADER)) ?? cleanConsumerId(targetingKey);
