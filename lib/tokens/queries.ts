import "server-only";
import { db } from "@/lib/db";
import { ENDED_STATUSES } from "@/lib/releases/status";

// Settings → API tokens (admins): every token, newest first, with the release or service it is
// bound to and, for a pipeline token, its scopes.
export async function listTokens() {
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      kind: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      scopes: true,
      service: true,
      release: { select: { title: true } },
    },
  });
}

// Releases a push token may be bound to: those not ended (an ended release takes no samples).
export async function listReleasesTakingSamples() {
  return db.release.findMany({
    where: { status: { notIn: [...ENDED_STATUSES] } },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true },
  });
}

// Services named by releases so far, offered as suggestions for a service-wide pipeline token
// (a new service may be typed too: its pipeline may create the first release).
export async function listServices(): Promise<string[]> {
  const rows = await db.release.findMany({ distinct: ["service"], orderBy: { service: "asc" }, select: { service: true } });
  return rows.map((r) => r.service).filter(Boolean);
}
