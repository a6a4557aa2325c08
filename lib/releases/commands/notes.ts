import { z } from "@/lib/input/zod";
import { lockReleaseIf } from "@/lib/releases/lock";
import { releaseTarget, type ActionConfig } from "@/lib/action";
import { isDeploying } from "@/lib/releases/status";

// A note on the timeline during the deploy ("restarted worker-3", "DBA paged"): the audit event is
// the note, so it sits in the trail between the flips and calls it explains, and cannot be edited.

export const noteSchema = z.object({
  releaseId: z.uuid("Not a valid id"),
  text: z.string().trim().min(1, "Write the note").max(2000, "Keep the note under 2,000 characters"),
});

export const addNote: ActionConfig<typeof noteSchema, { added: true }> = {
  name: "note.add",
  input: noteSchema,
  permission: "incident",
  target: releaseTarget,
  async run(ctx) {
    const { releaseId, text } = ctx.input;
    await lockReleaseIf(
      ctx.tx,
      releaseId,
      isDeploying,
      "Notes go on the timeline during the deploy; once the release has ended, write in its review.",
      "share",
    );
    await ctx.audit({ action: "note.added", releaseId, after: { text } });
    return { added: true };
  },
  revalidate: (input) => [`/releases/${input.releaseId}/cockpit`],
};
