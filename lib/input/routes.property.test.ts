import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/permissions";
import { testDb } from "@/lib/testing/db";
import { asText, buildInput, hostileInput, hostileValue } from "@/lib/testing/hostile";
import { readReleasePages } from "@/lib/testing/page-reads";
import { fixtureRelease } from "@/lib/testing/release-fixtures";
import { storeToken } from "@/lib/tokens/tokens";

// Issue 9: every JSON route handler of the app (found on disk: a new route is covered by itself),
// called as Next.js calls it, with hostile bodies, headers, query strings and path segments.
// Never a 500, and never a saved row that makes a release page fail. The session is the only
// piece of Next.js replaced: the signed-in user is an admin who owns the fixture release.

const session: { user: CurrentUser | null } = { user: null };
vi.mock("@/lib/session", () => ({ getCurrentUser: async () => session.user, requireUser: async () => session.user }));
vi.mock("@/lib/next-runtime", () => ({ nextRuntime: { currentUser: async () => session.user, revalidate: () => undefined } }));

const RUNS = 25;
const APP = path.resolve(import.meta.dirname, "../../app");
// next-auth's own handler: the library's code, and sign-in has tests of its own.
const NOT_OURS = /\[\.\.\.nextauth\]/;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routeFiles = readdirSync(APP, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts" && !NOT_OURS.test(file))
  .sort();
const handlers = (
  await Promise.all(
    routeFiles.map(async (file) => {
      const exports = (await import(path.join(APP, file))) as Record<string, unknown>;
      return METHODS.filter((method) => typeof exports[method] === "function").map(
        (method) => [`${method} app/${file}`, file, method, exports[method] as Handler] as const,
      );
    }),
  )
).flat();

// The fields the app's JSON routes read, each with a value it accepts.
const BODY_FIELDS: Record<string, unknown> = {
  expected: true,
  verdict: "STOP",
  reason: "Checked",
  stage: "EXPAND",
  sql: "ALTER TABLE t ADD COLUMN c int;",
  context: { environment: "production" },
  samples: [{ signal: "error_rate", value: 1 }],
  signal: "error_rate",
  value: 1.5,
  title: "Checked",
  from: "template",
  deployStyle: "ROLLING",
};
const QUERY_FIELDS = ["release", "actor", "action", "from", "to", "before", "after", "format", "since", "stage"];

const RAW_BODIES = [
  "",
  "{",
  "null",
  "[]",
  '"text"',
  '{"context":{"environment":"\\u0000"}}',
  '[{"signal":"error_rate","value":1,"at":"9999-12-31T23:59:59Z"}]',
  "[".repeat(20_000),
  `{"a":"${"x".repeat(1_100_000)}"}`,
  '{"__proto__":{"role":"ADMIN"},"constructor":{"prototype":{}}}',
  '{"reason":"\\u0000","verdict":"STOP"}',
  '{"reason":"\\ud800"}',
  "\u0000",
];

interface Fixture {
  user: CurrentUser;
  releaseId: string;
  flagKey: string;
  tokens: string[];
}
let fixture: Fixture;

beforeAll(async () => {
  const user = await testDb().user.create({
    data: { email: `${randomUUID()}@test.switchback.test`, name: "Route prober", role: "ADMIN" },
    select: { id: true, email: true, name: true, role: true },
  });
  const release = await fixtureRelease(user.id, "IN_PROGRESS");
  const push = await storeToken(testDb(), { kind: "SIGNAL_PUSH", name: "probe", releaseId: release.id, createdById: user.id });
  const read = await storeToken(testDb(), { kind: "FLAG_READ", name: "probe", releaseId: null, createdById: user.id });
  session.user = user;
  fixture = { user, releaseId: release.id, flagKey: release.flagKey, tokens: [push.secret, read.secret] };
});

const requestArbitrary = fc.record({
  segment: fc.oneof({ weight: 6, arbitrary: fc.constant<unknown>(null) }, { weight: 1, arbitrary: hostileValue }),
  auth: fc.constantFrom(0, 1, 2, 3),
  contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "", "multipart/form-data; boundary=x"),
  body: fc.oneof({ weight: 3, arbitrary: hostileInput(Object.keys(BODY_FIELDS)) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) }),
  query: fc.dictionary(fc.constantFrom(...QUERY_FIELDS), hostileValue, { maxKeys: 3 }),
  header: fc.tuple(fc.constantFrom("if-none-match", "last-event-id", "x-api-key", "content-length"), hostileValue),
});

// A header value must be a byte string; anything else is refused by fetch before the app sees it.
const headerSafe = (value: unknown) => asText(value).replace(/[^\x20-\x7e]/g, "?");

describe("every route handler with hostile requests", () => {
  it("finds the app's routes", () => expect(handlers.length).toBeGreaterThan(5));

  it.each(handlers)("%s: never a 500, never an unreadable release", async (_name, file, method, handler) => {
    const failure: { text?: string } = {};

    await fc.assert(
      fc.asyncProperty(requestArbitrary, async (r) => {
        const hostileSegment = r.segment === null ? null : asText(r.segment);
        const params: Record<string, string> = {};
        const urlPath = file.replace(/\/?route\.ts$/, "").replace(/\[(\w+)\]/g, (_m, name: string) => {
          params[name] = hostileSegment ?? (name === "key" ? fixture.flagKey : fixture.releaseId);
          return encodeURIComponent(params[name]!.replace(/\p{Cs}/gu, "\ufffd"));
        });
        const url = new URL(`http://localhost:3000/${urlPath}`);
        for (const [key, value] of Object.entries(r.query)) url.searchParams.set(key, asText(value));
        const body =
          typeof r.body === "string"
            ? r.body
            : JSON.stringify(
                buildInput(r.body, (field) => BODY_FIELDS[field]),
                (_k, v) => (typeof v === "bigint" ? String(v) : v),
              );
        const headers = new Headers({ [r.header[0]]: headerSafe(r.header[1]) });
        if (r.contentType) headers.set("content-type", r.contentType);
        if (r.auth < 2) headers.set("authorization", `Bearer ${fixture.tokens[r.auth]}`);
        if (r.auth === 2) headers.set("authorization", "Bearer sbp_forged");
        headers.delete("content-length");
        const abort = new AbortController();
        const request = new Request(url, { method, headers, signal: abort.signal, ...(method === "GET" ? {} : { body: body ?? "" }) });

        const response = await handler(request, { params: Promise.resolve(params) });
        // Streams (SSE, exports) are read to the end or closed, so a failure midway shows too.
        const text = response.headers.get("content-type")?.startsWith("text/event-stream")
          ? (abort.abort(), await response.body?.cancel(), "")
          : await response.text();
        if (response.status >= 500 && response.status !== 503) {
          failure.text = `${method} ${url.pathname}${url.search.slice(0, 200)} body ${JSON.stringify(body?.slice(0, 200))} answered ${response.status}: ${text.slice(0, 300)}`;
          return false;
        }
        if (response.status < 300 && method !== "GET") await readReleasePages(fixture.user, fixture.releaseId);
        return true;
      }),
      { numRuns: RUNS, endOnFailure: true, reporter: (details) => void (details.failed && expect.fail(failure.text ?? String(details.errorInstance))) },
    );
  });
});
