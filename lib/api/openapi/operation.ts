import type { z } from "@/lib/input/zod";
import type { TokenScope } from "@/lib/tokens/scopes";

// One documented route: the single table that the OpenAPI document, the reference page and the
// contract test are all built from, so none of them can list an operation the others miss.

export type HttpMethod = "get" | "post";

export interface ApiResponse {
  description: string;
  // Absent: the body is not JSON (a download, a page), described by `contentType` only.
  schema?: z.ZodType;
  contentType?: string;
}

export interface ApiAccess {
  // Who may call it with the session cookie (PRODUCT.md's role words); absent: no session.
  session?: string;
  // The pipeline token scope that admits it (Authorization: Bearer sbc_…); absent: no token.
  scope?: TokenScope;
  // The release's older push token (sbp_…) is accepted too.
  pushToken?: boolean;
}

export interface ApiOperation {
  method: HttpMethod;
  // OpenAPI's path template, e.g. /api/v1/releases/{id}/gate.
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  // null: public, no credentials at all.
  access: ApiAccess | null;
  params?: { path?: z.ZodObject; query?: z.ZodObject };
  body?: z.ZodType;
  // A pipeline may send no body at all (a person's JSON request still sends `{}`).
  optionalBody?: boolean;
  responses: Record<number, ApiResponse>;
  // Error statuses this route answers with the Error body.
  errors: number[];
}

export const ERROR_MEANING: Record<number, string> = {
  400: "The request is not valid: `fieldErrors` names each field.",
  401: "No credentials, or they are not valid (expired, revoked, the wrong kind of token).",
  403: "Valid credentials that may not do this: a role without the permission, a token lacking the scope, a token of another release or service, or a cookie request from another site.",
  404: "The release does not exist.",
  409: "The release's state does not allow this now (the message says why).",
  413: "The request body is too large.",
  415: "A cookie-authenticated request must send its body as application/json.",
  503: "The database or the flag provider is not answering; nothing was changed. Retry after `Retry-After` seconds.",
};
