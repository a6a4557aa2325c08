import { z } from "@/lib/input/zod";
import { isEnded } from "@/lib/releases/status";
import type { Db } from "@/lib/db";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { storePushed } from "@/lib/signals/sources/push/store";
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
  const timing = timeErrors(items, now);
  if (Object.keys(timing).length === 0) {
    const outcome = await storePushed(
      db,
      releaseId,
      items.map((item) => ({ key: item.signal, value: item.value, at: item.at ? new Date(item.at) : now })),
    );
    if (outcome.kind === "stored") return { accepted: outcome.inserted };
  }
  return refuse(db, releaseId, items, timing);
}

function timeErrors(items: z.output<typeof samples>, now: Date): Record<number, string> {
  const errors: Record<number, string> = {};
  items.forEach((item, index) => {
    const at = item.at ? new Date(item.at).getTime() : now.getTime();
    if (at > now.getTime() + MAX_SKEW_MS) errors[index] = "is more than 5 minutes in the future";
    if (at < now.getTime() - MAX_AGE_MS) errors[index] = "is more than a day old";
  });
  return errors;
}

// Why a batch was not stored, in the order a pusher fixes things: the release, then each sample's
// signal and time. The refused path only, so it may read the release again.
async function refuse(db: Db, releaseId: string, items: z.output<typeof samples>, timing: Record<number, string>): Promise<never> {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: { status: true, signals: { select: { key: true } } } });
  if (!release) throw new AppError("NOT_FOUND", "That release does not exist.");
  if (isEnded(release.status)) throw new AppError("CONFLICT", "This release is finished; it no longer takes signal samples.");
  const known = new Set(release.signals.map((s) => s.key));
  const fieldErrors: Record<string, string[]> = {};
  items.forEach((item, index) => {
    if (!known.has(item.signal))
      fieldErrors[`${index}.signal`] = [`is not a signal of this release: ${item.signal} (known: ${[...known].join(", ") || "none"})`];
    if (timing[index]) fieldErrors[`${index}.at`] = [timing[index]];
  });
  const first = Object.entries(fieldErrors)[0];
  // Refused by the statement, yet nothing is wrong now: the release's signals changed in between.
  if (!first) throw new AppError("CONFLICT", "The release's signals changed while this batch was stored; nothing was stored. Send it again.");
  throw new AppError("INVALID", `Sample ${first[0]} ${first[1][0]}.`, fieldErrors);
}
