import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// Incidents as the cockpit and the report show them: every step with its assignee (and how to
// reach them) and when and by whom it was done.

const incidentSelect = {
  id: true,
  trigger: true,
  reason: true,
  startedAt: true,
  startedByLabel: true,
  endedAt: true,
  endedByLabel: true,
  steps: {
    orderBy: [{ role: "asc" }, { position: "asc" }],
    select: {
      id: true,
      role: true,
      text: true,
      autoCheck: true,
      assigneeId: true,
      assigneeName: true,
      doneAt: true,
      doneById: true,
      doneByLabel: true,
      assignee: { select: { contact: true } },
    },
  },
} satisfies Prisma.IncidentSelect;

export async function getRunningIncident(releaseId: string) {
  return db.incident.findFirst({ where: { releaseId, endedAt: null }, select: incidentSelect });
}

export async function listIncidents(releaseId: string) {
  return db.incident.findMany({ where: { releaseId }, orderBy: { startedAt: "asc" }, select: incidentSelect });
}

export type IncidentView = NonNullable<Awaited<ReturnType<typeof getRunningIncident>>>;
