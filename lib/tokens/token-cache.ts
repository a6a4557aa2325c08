// Recently verified tokens, keyed by the secret's SHA-256, so that a steady poller or provider
// costs no database query per request. An entry lives TOKEN_CACHE_MS: a token revoked in another
// request or on another instance is still accepted for at most that long, then refused. Expiry
// needs no query at all: the cached expiresAt is checked on every use.

export const TOKEN_CACHE_MS = 30_000;
// Far above the tokens a team has; a flood of distinct valid secrets only costs queries.
const MAX_ENTRIES = 5_000;

interface Entry {
  value: unknown;
  at: number;
}

const entries = ((globalThis as unknown as { switchbackTokenCache?: Map<string, Entry> }).switchbackTokenCache ??= new Map());

// Unknown secrets are not remembered: a token created a moment ago must work at once.
export async function cachedToken<T extends object>(hash: string, load: () => Promise<T | null>, now = Date.now()): Promise<T | null> {
  const hit = entries.get(hash);
  if (hit && now - hit.at < TOKEN_CACHE_MS) return hit.value as T;
  const value = await load();
  entries.delete(hash);
  if (!value) return null;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(hash, { value, at: now });
  return value;
}

// For tests that change a token's row behind the cache's back.
export function forgetCachedTokens(): void {
  entries.clear();
}
