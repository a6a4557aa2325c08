import { describe, expect, it, vi } from "vitest";
import { evaluateAll } from "@/lib/flags/ofrep/routes";
import { bulkRequest, flagInOwnEnvironment } from "@/lib/flags/ofrep/test-helpers";
import { testDb } from "@/lib/testing/db";

// An operator in an incident may turn a flag off by hand in SQL, without touching its version:
// the consumers must be served it all the same, and pollers must not be told "not modified".
describe("a flag changed by hand in SQL", () => {
  it("reaches OFREP consumers with a new ETag", async () => {
    const { environment, key, secret } = await flagInOwnEnvironment();
    const first = await evaluateAll(bulkRequest(secret, environment));
    const etag = first.headers.get("etag")!;

    await testDb().$executeRawUnsafe("UPDATE flags SET enabled = false WHERE key = $1 AND environment = $2", key, environment);
    await vi.waitFor(async () => {
      const changed = await evaluateAll(bulkRequest(secret, environment, { "If-None-Match": etag }));
      expect(changed.status).toBe(200);
      expect(changed.headers.get("etag")).not.toBe(etag);
      expect(await changed.json()).toMatchObject({ flags: [{ key, value: false }] });
    });
    expect(await testDb().flag.findUniqueOrThrow({ where: { key_environment: { key, environment } } })).toMatchObject({ enabled: false, version: 2 });
  });
});
