import { randomBytes } from "node:crypto";
import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { urlProblem } from "@/lib/notify/address-policy";
import { WEBHOOK_EVENT_TYPES } from "@/lib/notify/webhooks";

// Webhooks are managed by admins only. The signing secret is returned once for the admin to copy;
// it stays readable in the database because every delivery is signed with it.
// Audit events name the URL's host only: a Slack incoming-webhook URL is itself a credential, and
// everyone may read the audit trail.

const createSchema = z.object({
  name: z.string().trim().min(1, "Name the webhook after where it posts, e.g. #releases in Slack").max(100, "Keep the name under 100 characters"),
  url: z
    .url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL" })
    .max(2000, "Keep the URL under 2000 characters")
    // Literal addresses only; the dispatcher checks what a name resolves to at every delivery.
    .superRefine((url, ctx) => {
      const problem = urlProblem(url);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES, "Choose from the listed events")).min(1, "Choose at least one event"),
});

export const createWebhook: ActionConfig<typeof createSchema, { id: string; secret: string }> = {
  name: "webhook.create",
  input: createSchema,
  permission: "admin",
  async run({ tx, input, user, audit }) {
    const secret = randomBytes(32).toString("base64url");
    const events = [...new Set(input.events)];
    const webhook = await tx.webhook.create({
      data: { name: input.name, url: input.url, events, secret, createdById: user.id },
      select: { id: true, name: true },
    });
    await audit({ action: "webhook.created", after: { webhookId: webhook.id, name: webhook.name, host: new URL(input.url).host, events, enabled: true } });
    return { id: webhook.id, secret };
  },
  revalidate: () => ["/settings/webhooks"],
};

const enabledSchema = z.object({ webhookId: z.uuid(), enabled: z.boolean() });

export const setWebhookEnabled: ActionConfig<typeof enabledSchema, { id: string; enabled: boolean }> = {
  name: "webhook.set-enabled",
  input: enabledSchema,
  permission: "admin",
  async run({ tx, input, audit }) {
    const webhook = await tx.webhook.findUnique({ where: { id: input.webhookId }, select: { id: true, name: true } });
    if (!webhook) throw new AppError("NOT_FOUND", "That webhook does not exist.");
    // Conditional on the current state, so of two admins clicking at once only one changes (and audits) it.
    const { count } = await tx.webhook.updateMany({
      where: { id: webhook.id, enabled: !input.enabled },
      data: { enabled: input.enabled, disabledAt: input.enabled ? null : new Date() },
    });
    if (count === 0) throw new AppError("CONFLICT", `That webhook is already ${input.enabled ? "enabled" : "disabled"}.`);
    await audit({
      action: input.enabled ? "webhook.enabled" : "webhook.disabled",
      before: { webhookId: webhook.id, name: webhook.name, enabled: !input.enabled },
      after: { webhookId: webhook.id, name: webhook.name, enabled: input.enabled },
    });
    return { id: webhook.id, enabled: input.enabled };
  },
  revalidate: () => ["/settings/webhooks"],
};
