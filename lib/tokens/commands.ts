import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { DEFAULT_TOKEN_TERM_DAYS, storeToken, TOKEN_TERMS_DAYS, type TokenKind } from "@/lib/tokens/tokens";

const createSchema = z
  .object({
    name: z.string().trim().min(1, "Name the token after what uses it, e.g. backfill job").max(100, "Keep the name under 100 characters"),
    kind: z.enum(["SIGNAL_PUSH", "FLAG_READ"], "Choose what the token may do"),
    releaseId: z
      .union([z.uuid(), z.literal("")])
      .optional()
      .transform((v) => v || null),
    // From a form (a string) or the API (a number); absent means the default term.
    expiresInDays: z
      .union([z.string(), z.number()], "Choose how long the token lasts")
      .optional()
      .transform((v) => (v === undefined || v === "" ? DEFAULT_TOKEN_TERM_DAYS : Number(v)))
      .refine((v) => (TOKEN_TERMS_DAYS as readonly number[]).includes(v), `Choose ${TOKEN_TERMS_DAYS.join(", ")} days`),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "SIGNAL_PUSH" && !value.releaseId) ctx.addIssue({ code: "custom", path: ["releaseId"], message: "A push token belongs to one release" });
  });

// Tokens are created and revoked by admins only; the secret is returned once and never stored.
export const createToken: ActionConfig<typeof createSchema, { id: string; secret: string; prefix: string; kind: TokenKind; releaseId: string | null }> = {
  name: "token.create",
  input: createSchema,
  permission: "admin",
  async run({ tx, input, user, audit }) {
    if (input.releaseId && !(await tx.release.count({ where: { id: input.releaseId } })))
      throw new AppError("NOT_FOUND", "That release does not exist.", { releaseId: ["Choose a release"] });
    const { token, secret } = await storeToken(tx, { ...input, createdById: user.id });
    await audit({
      action: "token.created",
      releaseId: input.releaseId,
      after: { tokenId: token.id, name: token.name, kind: token.kind, prefix: token.prefix, expiresAt: token.expiresAt.toISOString() },
    });
    return { id: token.id, secret, prefix: token.prefix, kind: token.kind, releaseId: token.releaseId };
  },
  revalidate: () => ["/settings/tokens"],
};

const revokeSchema = z.object({ tokenId: z.uuid() });

export const revokeToken: ActionConfig<typeof revokeSchema, { id: string }> = {
  name: "token.revoke",
  input: revokeSchema,
  permission: "admin",
  async run({ tx, input, audit }) {
    const token = await tx.apiToken.findUnique({
      where: { id: input.tokenId },
      select: { id: true, name: true, kind: true, prefix: true, releaseId: true, revokedAt: true },
    });
    if (!token) throw new AppError("NOT_FOUND", "That token does not exist.");
    if (token.revokedAt) throw new AppError("CONFLICT", "That token was already revoked.");
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await audit({
      action: "token.revoked",
      releaseId: token.releaseId,
      before: { tokenId: token.id, name: token.name, kind: token.kind, prefix: token.prefix },
    });
    return { id: token.id };
  },
  revalidate: () => ["/settings/tokens"],
};
