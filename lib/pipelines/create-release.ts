import { auditedTransaction, Refusal } from "@/lib/action";
import { assertCovers, type ApiPrincipal } from "@/lib/api/v1/token-principal";
import type { releaseCreateBody } from "@/lib/api/v1/schemas";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { z } from "@/lib/input/zod";
import { createReleaseIn, type NewRelease } from "@/lib/releases/commands/create-release";

// A pipeline creates the release it is about to deploy, with a service-wide token that has the
// deploy scope: the plan form's template or copy, in the token's service. A release-scoped token
// covers a release that already exists, so it creates none. The creator is the person who made
// the token (the release's people start from them); the audit trail names the token.

type Body = z.output<typeof releaseCreateBody>;

export async function createReleaseByToken(principal: Extract<ApiPrincipal, { kind: "token" }>, body: Body): Promise<NewRelease> {
  const { token } = principal;
  if (token.releaseId) throw new AppError("FORBIDDEN", "A release-scoped token cannot create releases; create a service-wide token.");
  const service = token.service;
  if (!service) throw new AppError("FORBIDDEN", "This token names no service; create a service-wide token for the service to release.");
  const source = await sourceOf(principal, service, body.from);
  const { createdById } = await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id }, select: { createdById: true } });
  const result = await auditedTransaction("release.create", principal.actor, (core) =>
    createReleaseIn(
      core,
      { title: body.title, from: source?.id ?? "template", deployStyle: body.deployStyle ?? source?.deployStyle ?? "ROLLING" },
      { createdById, service, tokenId: token.id },
    ),
  );
  if (result instanceof Refusal) throw result.error;
  return result;
}

const SOURCE = { id: true, service: true, deployStyle: true } as const;

// What the new plan starts from: the template (null), or a release of the token's own service.
async function sourceOf(principal: Extract<ApiPrincipal, { kind: "token" }>, service: string, from: Body["from"]) {
  if (from === "template") return null;
  const source =
    from === "latest"
      ? await getDb().release.findFirst({ where: { service }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: SOURCE })
      : await getDb().release.findUnique({ where: { id: from }, select: SOURCE });
  if (!source) {
    const message =
      from === "latest"
        ? `The service “${service}” has no release to copy yet; create this one from the template.`
        : "The release to copy from does not exist.";
    throw new AppError("NOT_FOUND", message, { from: [message] });
  }
  assertCovers(principal, source);
  return source;
}

// A person's copy without a chosen style keeps its source's, as a pipeline's does.
export async function styleOfCopy(from: string): Promise<Body["deployStyle"]> {
  if (from === "template" || from === "latest") return undefined;
  return (await getDb().release.findUnique({ where: { id: from }, select: { deployStyle: true } }))?.deployStyle;
}
