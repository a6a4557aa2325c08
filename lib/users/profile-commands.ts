import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";

// A person's own contact line (chat handle, phone), shown beside their name wherever they are a
// runbook assignee, so that in an incident nobody hunts for how to reach them.
export const contactSchema = z.object({ contact: z.string().trim().max(200, "Keep it under 200 characters") });

export const updateContact: ActionConfig<typeof contactSchema, { contact: string }> = {
  name: "user.update_contact",
  input: contactSchema,
  permission: "read",
  async run({ tx, input, user, audit }) {
    const { contact: before } = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { contact: true } });
    await tx.user.update({ where: { id: user.id }, data: { contact: input.contact } });
    await audit({ action: "user.contact_changed", before: { contact: before }, after: { contact: input.contact } });
    return { contact: input.contact };
  },
  revalidate: () => ["/profile"],
};
