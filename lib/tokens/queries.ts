import "server-only";
import { db } from "@/lib/db";
import { ENDED_STATUSES } from "@/lib/releases/status";

// Settings → API tokens (admins): every token, newest first, with the release it is bound to.
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
