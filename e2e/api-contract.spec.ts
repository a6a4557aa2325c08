import type { APIRequestContext, BrowserContext } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema, OpenApiDocument } from "@/lib/api/openapi/schema-text";
import type { Db } from "@/lib/db";
import { TOKEN_SCOPES, type TokenScope } from "@/lib/tokens/scopes";
import { storeToken } from "@/lib/tokens/tokens";
import { expect, signInAs, test, type TestUser } from "./fixtures";
import { makeLiveRelease } from "./live-release";

// The contract test: walks the served /api/v1/openapi.json and calls every operation against the
// running app three ways — with no credentials, with a pipeline token lacking the operation's scope,
// and with the right credentials — and checks each answer's status and JSON body against what the
// document says (its JSON Schema, with ajv). Problems are collected, so one run names all of them.

type Operation = OpenApiDocument["paths"][string][string] & { security?: Record<string, string[]>[] };
// `readyId`: a release still READY, of the service the service-wide tokens cover.
type Live = { id: string; token: string; flagKey: string; readyId: string };
interface Call {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  // Whose session calls it when the operation takes no token (default: an admin).
  as?: "decisionOwner";
  // The right token is service-wide (of the ready release's service) rather than the live release's.
  serviceWide?: boolean;
}

// Input each operation accepts on a live release (in progress, Expand active, flag on), by
// operationId. A documented operation with no entry here is reported, not skipped.
const CALLS: Record<string, (live: Live) => Call> = {
  listReleases: () => ({ path: "/api/v1/releases", query: { limit: "5" } }),
  createRelease: () => ({ path: "/api/v1/releases", body: { title: "Contract test release", from: "latest" }, serviceWide: true }),
  getRelease: (live) => ({ path: `/api/v1/releases/${live.id}` }),
  waitAtGate: (live) => ({ path: `/api/v1/releases/${live.id}/gate`, query: { stage: "expand", wait: "0" } }),
  startDeploy: (live) => ({ path: `/api/v1/releases/${live.readyId}/deploy/start`, body: {}, serviceWide: true }),
  completeStage: (live) => ({ path: `/api/v1/releases/${live.id}/stages/expand/complete`, body: {} }),
  pushSignals: (live) => ({ path: `/api/v1/releases/${live.id}/signals`, body: { samples: [{ signal: "error_rate", value: 0.5 }] } }),
  recordDecision: (live) => ({ path: `/api/v1/releases/${live.id}/decisions`, body: { verdict: "GO", reason: "Contract test" }, as: "decisionOwner" }),
  turnFlagOff: (live) => ({ path: `/api/v1/releases/${live.id}/flag/off`, body: { expected: true } }),
  turnFlagOn: (live) => ({ path: `/api/v1/releases/${live.id}/flag/on`, body: { expected: false }, as: "decisionOwner" }),
  lintStageSql: () => ({ path: "/api/v1/lint", body: { stage: "EXPAND", sql: "ALTER TABLE orders ADD COLUMN note text;" } }),
  exportAuditLog: (live) => ({ path: "/api/v1/audit/export", query: { format: "json", release: live.id } }),
  verifyAuditChain: () => ({ path: "/api/v1/audit/verify" }),
  health: () => ({ path: "/api/v1/health" }),
  ready: () => ({ path: "/api/v1/ready" }),
  openApiDocument: () => ({ path: "/api/v1/openapi.json" }),
  apiReference: () => ({ path: "/api/v1/reference" }),
};

const ERROR_REF = "#/components/schemas/Error";

function send(api: APIRequestContext, method: string, call: Call, token?: string) {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (call.body !== undefined) headers["Content-Type"] = "application/json";
  return api.fetch(call.path, {
    method: method.toUpperCase(),
    params: call.query,
    headers,
    data: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
}

async function pipelineToken(db: Db, cover: { releaseId: string } | { service: string }, createdById: string, scopes: TokenScope[]) {
  const { secret } = await db.$transaction((tx) =>
    storeToken(tx, { kind: "PIPELINE", name: `contract ${scopes.join("+")}`, releaseId: null, ...cover, createdById, scopes }),
  );
  return secret;
}

// The document's own schemas, compiled by ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
function schemaChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: "doc", components: document.components });
  return (schema: JsonSchema, body: unknown): string | null => {
    const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as object);
    return validate(body) ? null : ajv.errorsText(validate.errors);
  };
}

test("every documented operation answers as documented, with and without the right credentials", async ({ browser, request, db, makeUser }) => {
  test.setTimeout(180_000);
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as OpenApiDocument;
  const check = schemaChecker(document);
  const people: Record<"decisionOwner" | "backup" | "admin", TestUser> = {
    decisionOwner: await makeUser("VIEWER"),
    backup: await makeUser("VIEWER"),
    admin: await makeUser("ADMIN"),
  };
  const service = `contract-${people.admin.id.slice(0, 8)}`;
  const ready = await db.release.create({
    data: {
      title: "Contract ready",
      status: "READY",
      service,
      stages: { create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({ kind, position })) },
    },
    select: { id: true },
  });
  const live = {
    ...(await makeLiveRelease(db, { decision: people.decisionOwner, backup: people.backup, creator: people.admin }, { flagOn: true })),
    readyId: ready.id,
  };
  // Expand's checklist is done, so a pipeline may complete the stage.
  await db.checklistItem.updateMany({
    where: { stage: { releaseId: live.id, kind: "EXPAND" } },
    data: { done: true, doneById: people.admin.id, doneAt: new Date() },
  });
  const only = Object.fromEntries(
    await Promise.all(TOKEN_SCOPES.map(async (s) => [s, await pipelineToken(db, { releaseId: live.id }, people.admin.id, [s])])),
  ) as Record<TokenScope, string>;
  const serviceOnly = Object.fromEntries(
    await Promise.all(TOKEN_SCOPES.map(async (s) => [s, await pipelineToken(db, { service }, people.admin.id, [s])])),
  ) as Record<TokenScope, string>;
  const allBut = Object.fromEntries(
    await Promise.all(
      TOKEN_SCOPES.map(async (s) => [
        s,
        await pipelineToken(
          db,
          { releaseId: live.id },
          people.admin.id,
          TOKEN_SCOPES.filter((t) => t !== s),
        ),
      ]),
    ),
  ) as Record<TokenScope, string>;
  const sessions = {} as Record<"decisionOwner" | "admin", APIRequestContext>;
  const contexts: BrowserContext[] = [];
  for (const who of ["decisionOwner", "admin"] as const) {
    const context = await browser.newContext();
    contexts.push(context);
    await signInAs(await context.newPage(), people[who]);
    sessions[who] = context.request;
  }

  const problems: string[] = [];
  // Every operation answered with the right credentials (or publicly): proof the walk reached each one.
  const answered: string[] = [];
  const expectAnswer = async (label: string, op: Operation, response: Awaited<ReturnType<typeof send>>, allowed: string[]) => {
    const status = String(response.status());
    if (!allowed.includes(status)) return problems.push(`${label}: ${status}, wanted ${allowed.join(" or ")}: ${(await response.text()).slice(0, 200)}`);
    const documented = op.responses?.[status];
    if (!documented) return problems.push(`${label}: ${status} is not documented`);
    const [type, media] = Object.entries(documented.content ?? {})[0] ?? [];
    if (type && !response.headers()["content-type"]?.startsWith(type))
      problems.push(`${label}: content type ${response.headers()["content-type"]}, documented ${type}`);
    if (type === "application/json" && media?.schema) {
      const mismatch = check(media.schema, await response.json());
      if (mismatch) problems.push(`${label}: body does not match the documented schema: ${mismatch}`);
    }
  };

  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item) as [string, Operation][]) {
      const name = `${method.toUpperCase()} ${path}`;
      const build = CALLS[op.operationId ?? ""];
      if (!build) {
        problems.push(`${name}: no call in the contract test for operationId ${op.operationId}`);
        continue;
      }
      const call = build(live);
      const statuses = Object.keys(op.responses ?? {});
      const answers = statuses.filter((s) => op.responses![s]!.content?.["application/json"]?.schema?.$ref !== ERROR_REF);
      const isPublic = (op.security ?? []).length === 0;
      const scope = op["x-scopes"]?.[0] as TokenScope | undefined;

      await expectAnswer(`${name} without credentials`, op, await send(request, method, call), isPublic ? answers : ["401"]);
      if (isPublic) {
        answered.push(name);
        continue;
      }
      if (scope) await expectAnswer(`${name} with a token lacking “${scope}”`, op, await send(request, method, call, allBut[scope]), ["403"]);
      // A pipeline token is not a session: routes for people refuse it like no credentials at all.
      else await expectAnswer(`${name} with a pipeline token`, op, await send(request, method, call, only.read), ["401"]);
      const right = scope ? send(request, method, call, (call.serviceWide ? serviceOnly : only)[scope]) : send(sessions[call.as ?? "admin"], method, call);
      await expectAnswer(`${name} with the right credentials`, op, await right, answers);
      answered.push(name);
      if (op.security?.some((way) => "pushToken" in way))
        await expectAnswer(`${name} with the push token`, op, await send(request, method, call, live.token), answers);
    }
  }

  // Closing the contexts ends their requests too; disposing a context's own request instead left
  // the worker's browser unusable for the next test.
  await Promise.all(contexts.map((context) => context.close()));
  expect(problems).toEqual([]);
  expect(answered).toHaveLength(Object.values(document.paths).flatMap((item) => Object.keys(item)).length);
});

test("the reference page shows every operation to a person, with a link to the document", async ({ page, request }) => {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as OpenApiDocument;
  await page.goto("/api/v1/reference");
  await expect(page.getByRole("heading", { name: "Switchback API reference", level: 1 })).toBeVisible();
  for (const [path, item] of Object.entries(document.paths))
    for (const method of Object.keys(item)) await expect(page.getByRole("heading", { name: `${method.toUpperCase()} ${path}`, exact: true })).toBeVisible();
  await page.getByRole("link", { name: "/api/v1/openapi.json", exact: true }).click();
  await expect(page).toHaveURL(/\/api\/v1\/openapi\.json$/);
});
