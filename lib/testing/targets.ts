import { randomUUID } from "node:crypto";
import { seal } from "@/lib/targets/seal";
import { testDb } from "@/lib/testing/db";

// A registered target database for tests of its actions. Port 1 on loopback refuses at once, so
// testing this target is quick and answers with a sentence rather than a version.
export async function fixtureTarget(): Promise<string> {
  const target = await testDb().targetDatabase.create({
    data: { name: `target-${randomUUID()}`, sealedUrl: seal("postgresql://reader:pw@127.0.0.1:1/shop") },
    select: { id: true },
  });
  return target.id;
}
