import { randomUUID } from "node:crypto";
import { poolOf } from "@/lib/db";
import { createUser, testDb } from "@/lib/testing/db";
import { storeToken } from "@/lib/tokens/tokens";

// A flag in an environment of its own (so no other test's flips move its ETag) and a read token.
export async function flagInOwnEnvironment(tokenName = "sdk", releaseId: string | null = null) {
  const environment = `env-${randomUUID().slice(0, 8)}`;
  const key = `ofrep-${randomUUID().slice(0, 8)}`;
  await testDb().flag.create({ data: { key, environment, enabled: true } });
  const admin = await createUser("ADMIN");
  const { token, secret } = await testDb().$transaction((tx) => storeToken(tx, { kind: "FLAG_READ", name: tokenName, releaseId, createdById: admin.id }));
  return { environment, key, secret, tokenId: token.id };
}

export function bulkRequest(secret: string, environment: string, headers: Record<string, string> = {}, context: Record<string, unknown> = {}) {
  return new Request("http://switchback.test/ofrep/v1/evaluate/flags", {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: JSON.stringify({ context: { environment, ...context } }),
  });
}

export async function flip(key: string, environment: string, enabled: boolean) {
  return testDb().flag.update({ where: { key_environment: { key, environment } }, data: { enabled, version: { increment: 1 } } });
}

// Every statement the app's client sends takes a connection from its pool: counting checkouts
// counts round trips to the database, whatever issued them.
export async function countingQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const count = () => void queries++;
  const pool = poolOf(testDb());
  pool.on("acquire", count);
  try {
    const result = await work();
    return { result, queries };
  } finally {
    pool.off("acquire", count);
  }
}
