import { z } from "@/lib/input/zod";
import { isEnded } from "@/lib/releases/status";
import type { Db } from "@/lib/db";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { ingestSamples } from "@/lib/signals/ingest";
import { pushQueue, type PushQueue } from "@/lib/signals/sources/push/queue";

// The push API's body: a batch of { signal, value, at? }, as a bare array or { samples: [...] }.

export const MAX_BATCH = 1000;
const MAX_SKEW_MS = 5 * 60 * 1000;
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

const sample = z.object({
  signal: z.string({ error: "must be the signal's key" }).min(1, "must be the signal's key"),
  value: z.number({ error: "must be a number" }).refine(Number.isFinite, "must be a finite number"),
  at: z.iso.datetime({ offset: true, error: "must be an ISO 8601 time like 2026-11-20T10:00:00Z" }).optional(),
});

const samples = z.array(sample, { error: "must be an array of { signal, value, at? } or { samples: [...] }" });

// The body as the API documents it (lib/api/openapi/): a bare array or { samples }, at most
// MAX_BATCH. acceptPush checks the size first, to answer 413 rather than 400.
export const pushBodySchema = z.union([samples.max(MAX_BATCH), z.object({ samples: samples.max(MAX_BATCH) })]);

// The list itself, so field errors name the sample ("0.value"), whichever shape was sent.
function listOf(body: unknown): unknown {
  return typeof body === "object" && body !== null && !Array.isArray(body) && "samples" in body ? (body as { samples: unknown }).samples : body;
}

export async function acceptPush(db: Db, releaseId: string, body: unknown, now = new Date(), queue: PushQueue = pushQueue()): Promise<{ accepted: number }> {
  const list = listOf(body);
  if (Array.isArray(list) && list.length > MAX_BATCH)
    throw new AppError("TOO_LARGE", `A batch holds at most ${MAX_BATCH} samples; this one has ${list.length}. Split it.`);
  const parsed = samples.safeParse(list);
  if (!parsed.success) throw new AppError("INVALID", "The batch is not valid.", fieldErrorsOf(parsed.error, "body"));
  if (parsed.data.length === 0) return { accepted: 0 };
  // Everything that needs a connection waits its turn in the bounded queue.
  return queue.run(() => store(db, releaseId, parsed.data, now));
}

async function store(db: Db, releaseId: string, items: z.output<typeof samples>, now: Date): Promise<{ accepted: number }> {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { status: true, signals: { select: { id: true, key: true } } } });
  if (!release) throw new AppError("NOT_FOUND", "That release does not exist.");
  if (isEnded(release.status)) {
    throw new AppError("CONFLICT", "This release is finished; it no longer takes signal samples.");
  }
  const byKey = new Map(release.signals.map((s) => [s.key, s.id]));
  const fieldErrors: Record<string, string[]> = {};
  const incoming = items.map((item, index) => {
    const signalId = byKey.get(item.signal);
    if (!signalId) fieldErrors[`${index}.signal`] = [`is not a signal of this release: ${item.signal} (known: ${[...byKey.keys()].join(", ") || "none"})`];
    const at = item.at ? new Date(item.at) : now;
    if (at.getTime() > now.getTime() + MAX_SKEW_MS) fieldErrors[`${index}.at`] = ["is more than 5 minutes in the future"];
    if (at.getTime() < now.getTime() - MAX_AGE_MS) fieldErrors[`${index}.at`] = ["is more than a day old"];
    return { signalId: signalId ?? "", value: item.value, at };
  });
  if (Object.keys(fieldErrors).length) {
    const first = Object.entries(fieldErrors)[0]!;
    throw new AppError("INVALID", `Sample ${first[0]} ${first[1][0]}.`, fieldErrors);
  }
  const { inserted } = await ingestSamples(db, releaseId, incoming);
  return { accepted: inserted };
}
