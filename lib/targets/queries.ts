import "server-only";
import { db } from "@/lib/db";
import { unseal } from "@/lib/targets/seal";
import { maskedUrl } from "@/lib/targets/url";

// Reads for the admin target databases page. The sealed URL is opened here only to mask it:
// what leaves this module names host, port, database and user, never the password.

export async function listTargets() {
  const rows = await db.targetDatabase.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, sealedUrl: true, createdAt: true, lastTestOk: true, lastTestMessage: true, lastTestedAt: true },
  });
  return rows.map(({ sealedUrl, ...row }) => ({ ...row, url: masked(sealedUrl) }));
}

function masked(sealedUrl: string): string {
  try {
    return maskedUrl(unseal(sealedUrl));
  } catch {
    return "(sealed with a key this server does not have)";
  }
}

export type TargetRow = Awaited<ReturnType<typeof listTargets>>[number];

// What the plan's "Target database" select offers: names only, to anyone who may edit a plan.
export function listTargetChoices() {
  return db.targetDatabase.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}
