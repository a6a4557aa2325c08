import { z } from "zod";
import type { ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import type { ReleaseStatus } from "@/lib/releases/status";

// A note on the timeline during the deploy ("restarted worker-3", "DBA paged"): the audit event is
// the note, so it sits in the trail between the flips and calls it explains, and cannot be edited.

const LIVE: ReleaseStatus[] = ["IN_PROGRESS", "PAUSED", "STOPPED"];

export const noteSchema = z.object({
  releaseId: z.uuid("Not a valid id"),
  text: z.string().trim().min(1, "Write the note").max(2000, "Keep the note under 2,000 characters"),
});

export const addNote: ActionConfig<typeof noteSchema, { added: true }> = {
  name: "note.add",
  input: noteSchema,
  permission: "incident",
  target: (input) => ({ releaseId: input.releaseId }),
  async run(ctx) {
    const { releaseId, text } = ctx.input;
    const [row] = await ctx.tx.$queryRaw<{ status: ReleaseStatus }[]>`SELECT status::text AS status FROM releases WHERE id = ${releaseId}::uuid FOR SHARE`;
    if (!row || !LIVE.includes(row.status)) throw new AppError("CONFLICT", "Notes go on the timeline during the deploy; once the release has ended, write in its review.");
    await ctx.audit({ action: "note.added", releaseId, after: { text } });
    return { added: true };
  },
  revalidate: (input) => [`/releases/${input.releaseId}/cockpit`],
};
