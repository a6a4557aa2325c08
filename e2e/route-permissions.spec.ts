import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser } from "@playwright/test";
import type { Db } from "@/lib/db";
import type { ReleaseStatus } from "@/lib/releases/status";
import { expect, signInAs, test, type TestUser } from "./fixtures";

// Every route of the app × every role × every release status, as forged HTTP requests carrying a
// real session cookie: only the roles PRODUCT.md's table names get past the permission check. The
// routes are discovered from app/; one without a row here fails the test.

type Who = "viewer" | "operator" | "stageOwner" | "decisionOwner" | "backup" | "admin";
const WHO: Who[] = ["viewer", "operator", "stageOwner", "decisionOwner", "backup", "admin"];
const STATUSES: ReleaseStatus[] = ["DRAFT", "READY", "IN_PROGRESS", "PAUSED", "STOPPED", "COMPLETED", "ROLLED_BACK", "ABANDONED"];
const EVERYONE = WHO;

interface Row {
  // "session": the session cookie authorises it, for the roles in `who`. "token": only a bearer
  // token does (a cookie alone is 401). "public": anyone. "auth": next-auth's own endpoints.
  kind: "session" | "token" | "public" | "auth";
  who?: Who[];
  request?: (api: APIRequestContext, releaseId: string) => Promise<{ status(): number }>;
  perRelease?: boolean;
}

// An event stream never ends: read its status from the headers, then hang up.
async function streamStatus(api: APIRequestContext, releaseId: string) {
  const { cookies } = await api.storageState();
  const controller = new AbortController();
  const base = process.env.E2E_PORT ? `http://127.0.0.1:${process.env.E2E_PORT}` : "";
  const response = await fetch(`${base}/api/releases/${releaseId}/stream`, {
    headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
    signal: controller.signal,
  });
  controller.abort();
  return { status: () => response.status };
}

const post = (api: APIRequestContext, url: string, data: unknown) => api.post(url, { data, headers: { "Content-Type": "application/json" } });

const ROUTES: Record<string, Row> = {
  "api/auth/[...nextauth]": { kind: "auth" },
  "api/v1/health": { kind: "public", request: (api) => api.get("/api/v1/health") },
  "api/v1/ready": { kind: "public", request: (api) => api.get("/api/v1/ready") },
  // The API's documentation describes, it grants nothing.
  "api/v1/openapi.json": { kind: "public", request: (api) => api.get("/api/v1/openapi.json") },
  "api/v1/reference": { kind: "public", request: (api) => api.get("/api/v1/reference") },
  "api/releases/[id]/stream": { kind: "session", who: EVERYONE, perRelease: true, request: streamStatus },
  "api/releases/[id]/consumers": { kind: "session", who: EVERYONE, perRelease: true, request: (api, id) => api.get(`/api/releases/${id}/consumers`) },
  "api/v1/audit/export": { kind: "session", who: EVERYONE, request: (api) => api.get("/api/v1/audit/export?format=json&action=none.such") },
  "api/v1/audit/verify": { kind: "session", who: ["admin"], request: (api) => post(api, "/api/v1/audit/verify", {}) },
  "api/v1/lint": { kind: "session", who: EVERYONE, request: (api) => post(api, "/api/v1/lint", { stage: "EXPAND", sql: "SELECT 1;" }) },
  "api/v1/releases/[id]/decisions": {
    kind: "session",
    who: ["decisionOwner", "backup"],
    perRelease: true,
    request: (api, id) => post(api, `/api/v1/releases/${id}/decisions`, { verdict: "GO", reason: "" }),
  },
  "api/v1/releases/[id]/flag/off": {
    kind: "session",
    who: ["operator", "stageOwner", "decisionOwner", "backup", "admin"],
    perRelease: true,
    request: (api, id) => post(api, `/api/v1/releases/${id}/flag/off`, { expected: true }),
  },
  "api/v1/releases/[id]/flag/on": {
    kind: "session",
    who: ["decisionOwner", "backup", "admin"],
    perRelease: true,
    request: (api, id) => post(api, `/api/v1/releases/${id}/flag/on`, { expected: false }),
  },
  // The pipeline API: a pipeline token (tested in e2e/api-contract.spec.ts) or a session.
  "api/v1/releases": { kind: "session", who: EVERYONE, request: (api) => api.get("/api/v1/releases?limit=1") },
  // A second method of a route has a row of its own, named route:METHOD.
  "api/v1/releases:POST": { kind: "session", who: ["operator", "admin"], request: (api) => post(api, "/api/v1/releases", { title: "Routes: created" }) },
  "api/v1/releases/[id]": { kind: "session", who: EVERYONE, perRelease: true, request: (api, id) => api.get(`/api/v1/releases/${id}`) },
  "api/v1/releases/[id]/gate": { kind: "session", who: EVERYONE, perRelease: true, request: (api, id) => api.get(`/api/v1/releases/${id}/gate?stage=expand`) },
  "api/v1/releases/[id]/stages/[stage]/complete": {
    kind: "session",
    who: ["stageOwner", "decisionOwner", "backup", "admin"],
    perRelease: true,
    request: (api, id) => post(api, `/api/v1/releases/${id}/stages/expand/complete`, {}),
  },
  "api/v1/releases/[id]/deploy/start": {
    kind: "session",
    who: ["decisionOwner", "backup", "admin"],
    perRelease: true,
    request: (api, id) => post(api, `/api/v1/releases/${id}/deploy/start`, {}),
  },
  "api/v1/releases/[id]/signals": {
    kind: "token",
    perRelease: true,
    request: (api, id) => post(api, `/api/v1/releases/${id}/signals`, [{ signal: "error_rate", value: 1 }]),
  },
  // Capabilities only (cache and polling hints), as OFREP providers read them before any token.
  "ofrep/v1/configuration": { kind: "public", request: (api) => api.get("/ofrep/v1/configuration") },
  "ofrep/v1/evaluate/flags": { kind: "token", request: (api) => post(api, "/ofrep/v1/evaluate/flags", { context: {} }) },
  "ofrep/v1/evaluate/flags/[key]": { kind: "token", request: (api) => post(api, "/ofrep/v1/evaluate/flags/any-flag", { context: {} }) },
  // The stream's only credential is the ticket a bulk evaluation hands out; a cookie alone is 401.
  "ofrep/v1/events": { kind: "token", request: (api) => api.get("/ofrep/v1/events") },
};

function discoverRoutes(): string[] {
  const root = path.join(process.cwd(), "app");
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) =>
      path
        .dirname(file)
        .split(path.sep)
        .filter((part) => !part.startsWith("("))
        .join("/"),
    )
    .sort();
}

async function releaseIn(db: Db, status: ReleaseStatus, people: Record<Who, TestUser>) {
  const flagKey = `routes-${randomUUID().slice(0, 12)}`;
  const live = status === "IN_PROGRESS" || status === "PAUSED" || status === "STOPPED";
  const release = await db.release.create({
    data: {
      title: `Routes ${status} ${flagKey}`,
      status,
      flagKey,
      decisionOwnerId: people.decisionOwner.id,
      backupOwnerId: people.backup.id,
      stages: {
        create: (["EXPAND", "MIGRATE", "CONTRACT"] as const).map((kind, position) => ({
          kind,
          position,
          ownerId: people.stageOwner.id,
          status: live && position === 0 ? "ACTIVE" : "PENDING",
        })),
      },
    },
    select: { id: true },
  });
  await db.flag.create({ data: { key: flagKey, environment: "production", enabled: true } });
  return release.id;
}

async function sessions(browser: Browser, people: Record<Who, TestUser>) {
  const out = {} as Record<Who, APIRequestContext>;
  for (const who of WHO) {
    const context = await browser.newContext();
    await signInAs(await context.newPage(), people[who]);
    out[who] = context.request;
  }
  return out;
}

test("every route has a row of the permission table", () => {
  expect(discoverRoutes().filter((route) => !ROUTES[route])).toEqual([]);
});

test("forged requests with each role's session cookie get past only the routes their role allows", async ({ browser, makeUser, db, playwright, baseURL }) => {
  test.setTimeout(240_000);
  const people = {} as Record<Who, TestUser>;
  for (const who of WHO) people[who] = await makeUser(who === "operator" ? "OPERATOR" : who === "admin" ? "ADMIN" : "VIEWER");
  const api = await sessions(browser, people);
  const anonymous = await playwright.request.newContext({ baseURL });
  const releases = Object.fromEntries(await Promise.all(STATUSES.map(async (s) => [s, await releaseIn(db, s, people)] as const))) as Record<
    ReleaseStatus,
    string
  >;

  const seen: string[] = [];
  for (const [route, row] of Object.entries(ROUTES)) {
    if (!row.request) continue;
    const targets = row.perRelease ? STATUSES.map((s) => releases[s]) : [releases.DRAFT];
    for (const releaseId of targets) {
      if (row.kind !== "public") seen.push(`${route} anonymous ${(await row.request(anonymous, releaseId)).status()}`);
      // Refused roles first: their requests must change nothing for the allowed ones after them.
      const order = [...WHO].sort((a, b) => Number(row.who?.includes(a) ?? true) - Number(row.who?.includes(b) ?? true));
      for (const who of order) seen.push(`${route} ${who} ${(await row.request(api[who], releaseId)).status()}`);
    }
  }

  const wanted = seen.map((line) => {
    const [route, who] = line.split(" ") as [string, string];
    const row = ROUTES[route]!;
    if (who === "anonymous" || row.kind === "token") return `${route} ${who} 401`;
    if (row.kind === "public") return `${route} ${who} 200`;
    return `${route} ${who} ${row.who!.includes(who as Who) ? "allowed" : 403}`;
  });
  // Allowed means past the permission check: the action may still answer 409 (wrong status).
  const actual = seen.map((line) =>
    line.replace(/ (\d+)$/, (_, status: string) =>
      ["401", "403"].includes(status) || line.split(" ")[1] === "anonymous" || ROUTES[line.split(" ")[0]!]!.kind !== "session" ? ` ${status}` : " allowed",
    ),
  );
  expect(actual).toEqual(wanted);
  await anonymous.dispose();
});
