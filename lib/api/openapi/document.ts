import {
  createDocument,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { ERROR_MEANING, type ApiOperation } from "@/lib/api/openapi/operation";
import { API_OPERATIONS } from "@/lib/api/openapi/operations";
import type { OpenApiDocument } from "@/lib/api/openapi/schema-text";
import { errorBody } from "@/lib/api/v1/schemas";
import { TOKEN_SCOPE_LABEL } from "@/lib/tokens/scopes";

// The OpenAPI 3.1 document of /api/v1, built from the zod schemas the routes validate with
// (zod-openapi renders each `.meta({ id })` schema once under components).

const DESCRIPTION = `Switchback's JSON API for pipelines and scripts.

Authenticate with a pipeline token (\`Authorization: Bearer sbc_…\`, created by an admin under Settings → API tokens) holding the scope an operation names, or with a signed-in session. Scopes:
${Object.values(TOKEN_SCOPE_LABEL)
  .map((label) => `- ${label}`)
  .join("\n")}

Errors are \`{ "error": { "code", "message", "fieldErrors"?, "requestId"? } }\`; a 503 carries \`Retry-After\`.

Flag evaluation for applications is not part of this API: it follows the OpenFeature Remote Evaluation Protocol (OFREP) under \`/ofrep/v1\` (configuration, evaluate/flags, evaluate/flags/{key}, events) with a flag-read token (sbr_…).`;

function security(access: ApiOperation["access"]): Record<string, string[]>[] {
  if (!access) return [];
  const ways: Record<string, string[]>[] = [];
  if (access.scope) ways.push({ pipelineToken: [access.scope] });
  if (access.pushToken) ways.push({ pushToken: [] });
  if (access.session) ways.push({ session: [] });
  return ways;
}

// Who may call it, in words, for readers of tools that do not show security requirements.
export function accessSentence(access: ApiOperation["access"]): string {
  if (!access) return "Public: no credentials.";
  const ways = [
    access.scope && `a pipeline token with the \`${access.scope}\` scope`,
    access.pushToken && "the release's push token (sbp_…)",
    access.session && `a session of ${access.session}`,
  ].filter(Boolean);
  return `Send ${ways.join(", or ")}.`;
}

function responses(operation: ApiOperation): ZodOpenApiResponsesObject {
  const out: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, answer] of Object.entries(operation.responses)) {
    const type = answer.contentType ?? "application/json";
    out[status] = { description: answer.description, content: { [type]: answer.schema ? { schema: answer.schema } : {} } };
  }
  for (const status of operation.errors) {
    if (out[String(status)]) continue;
    out[String(status)] = {
      description: ERROR_MEANING[status] ?? "An error.",
      content: { "application/json": { schema: errorBody } },
      ...(status === 503 ? { headers: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } } } : {}),
    };
  }
  return out as ZodOpenApiResponsesObject;
}

function operationObject(operation: ApiOperation): ZodOpenApiOperationObject {
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: `${operation.description}\n\n${accessSentence(operation.access)}`,
    security: security(operation.access),
    ...(operation.access?.scope ? { "x-scopes": [operation.access.scope] } : {}),
    ...(operation.params ? { requestParams: operation.params } : {}),
    ...(operation.body ? { requestBody: { required: !operation.optionalBody, content: { "application/json": { schema: operation.body } } } } : {}),
    responses: responses(operation),
  };
}

export function buildOpenApiDocument(serverUrl: string): OpenApiDocument {
  const paths: NonNullable<ZodOpenApiObject["paths"]> = {};
  for (const operation of API_OPERATIONS) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  const document = createDocument({
    openapi: "3.1.0",
    info: { title: "Switchback API", version: "1", description: DESCRIPTION },
    servers: [{ url: serverUrl }],
    tags: [...new Set(API_OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        pipelineToken: { type: "http", scheme: "bearer", description: "A pipeline token, sbc_…; its scopes are listed per operation (`x-scopes`)." },
        pushToken: { type: "http", scheme: "bearer", description: "A release's signal push token, sbp_… (push only)." },
        session: { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "A signed-in session (__Secure-authjs.session-token over HTTPS)." },
      },
    },
  });
  // zod-openapi's types describe every OpenAPI feature; callers read the plain JSON subset.
  return document as unknown as OpenApiDocument;
}
