import "server-only";
import { db } from "@/lib/db";

// Reads for the admin webhooks page; the signing secret is never selected.

export function listWebhooks() {
  return db.webhook.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, url: true, events: true, enabled: true, createdAt: true, disabledAt: true },
  });
}

export function listRecentDeliveries(limit = 50) {
  return db.webhookDelivery.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      event: true,
      status: true,
      attempts: true,
      lastStatusCode: true,
      lastError: true,
      nextAttemptAt: true,
      deliveredAt: true,
      createdAt: true,
      webhook: { select: { name: true } },
    },
  });
}

export type RecentDelivery = Awaited<ReturnType<typeof listRecentDeliveries>>[number];
