import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { isTokenScope, TOKEN_SCOPES } from "@/lib/tokens/scopes";
import { DEFAULT_TOKEN_TERM_DAYS, storeToken, TOKEN_TERMS_DAYS, type TokenKind } from "@/lib/tokens/tokens";

// Checkboxes arrive as one string (one box ticked) or an array (several); none ticked is absent.
const scopesField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat()))
  .refine((v) => v.every(isTokenScope), `Choose among ${TOKEN_SCOPES.join(", ")}`)
  .transform((v) => v.filter(isTokenScope));

const createSchema = z
  .object({
    name: z.string().trim().min(1, "Name the token after what uses it, e.g. backfill job").max(100, "Keep the name under 100 characters"),
    kind: z.enum(["SIGNAL_PUSH", "FLAG_READ", "PIPELINE"], "Choose what the token may do"),
    releaseId: z
      .union([z.uuid(), z.literal("")])
      .optional()
      .transform((v) => v || null),
    // A pipeline token's: what it may call, and the service it covers when it names no release
    // (the service need not have a release yet: the pipeline may create it later).
    scopes: scopesField,
    service: z
      .string()
      .trim()
      .max(200, "Keep the service under 200 characters")
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
    if (value.kind !== "PIPELINE") return;
    if (value.scopes.length === 0) ctx.addIssue({ code: "custom", path: ["scopes"], message: "Choose at least one scope; read is enough to follow a release" });
    // Both fields carry a message, since the form shows only the one the admin chose.
    if (!value.releaseId && !value.service) {
      ctx.addIssue({ code: "custom", path: ["releaseId"], message: "Choose the release this token covers, or cover a service instead" });
      ctx.addIssue({ code: "custom", path: ["service"], message: "Name the service this token covers, or choose one release instead" });
    }
    if (value.releaseId && value.service) ctx.addIssue({ code: "custom", path: ["service"], message: "Name a release or a service, not both" });
  });

type Created = { id: string; secret: string; prefix: string; kind: TokenKind; releaseId: string | null; scopes: string[]; service: string | null };

// Tokens are created and revoked by admins only; the secret is returned once and never stored.
export const createToken: ActionConfig<typeof createSchema, Created> = {
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
      after: {
        ...{ tokenId: token.id, name: token.name, kind: token.kind, prefix: token.prefix, expiresAt: token.expiresAt.toISOString() },
        ...(token.kind === "PIPELINE" && { scopes: token.scopes, service: token.service }),
      },
    });
    return { id: token.id, secret, prefix: token.prefix, kind: token.kind, releaseId: token.releaseId, scopes: token.scopes, service: token.service };
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
