import pg from "pg";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { freePort } from "@/lib/net";
import type { CurrentUser } from "@/lib/permissions";

// The database down is not a bug of ours: every path answers UNAVAILABLE (503 with Retry-After
// for APIs, one plain sentence for forms), never INTERNAL (500) with a driver's words.
// The app is started against a port where nothing listens, as after a crash or in a failover.

vi.mock("@/lib/session", () => ({}));
vi.mock("@/lib/next-runtime", () => ({}));

const closedUrl = async () => `postgresql://switchback:secret@127.0.0.1:${await freePort()}/switchback`;
const admin: CurrentUser = { id: "3f1c2b9e-0a4d-4e55-9d8e-2b7a1c3d4e5f", email: "ada@example.test", name: "Ada", role: "ADMIN" };
const runtime = { currentUser: async () => admin, revalidate: () => undefined };

const touch: ActionConfig<z.ZodObject<{ title: z.ZodString }>, number> = {
  name: "test.touch",
  input: z.object({ title: z.string() }),
  permission: "admin",
  async run({ tx }) {
    return tx.release.count();
  },
};

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the database unreachable", () => {
  it("turns the mutation path's failure into UNAVAILABLE with a plain sentence", async () => {
    vi.stubEnv("DATABASE_URL", await closedUrl());
    vi.resetModules();
    const { runAction } = await import("@/lib/action");
    const result = await runAction(touch, { title: "x" }, runtime);
    expect(result).toEqual({ ok: false, error: { code: "UNAVAILABLE", message: expect.stringMatching(/^The database is not answering/) } });
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|P1001|ECONNREFUSED/);
  });

  it("answers OFREP evaluations with 503 and Retry-After, so SDKs keep their value and come back", async () => {
    vi.stubEnv("DATABASE_URL", await closedUrl());
    vi.resetModules();
    const bulk = await import("@/app/ofrep/v1/evaluate/flags/route");
    const one = await import("@/app/ofrep/v1/evaluate/flags/[key]/route");
    const request = () =>
      new Request("http://switchback.test/ofrep/v1/evaluate/flags", {
        method: "POST",
        headers: { authorization: "Bearer sbr_x", "content-type": "application/json" },
        body: '{"context":{"environment":"production"}}',
      });
    for (const response of [await bulk.POST(request()), await one.POST(request(), { params: Promise.resolve({ key: "checkout" }) })]) {
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await response.json()).toEqual({ errorCode: "GENERAL", errorDetails: expect.stringMatching(/^The database is not answering/) });
    }
  });

  it("answers 503 with Retry-After from the API boundary", async () => {
    const { errorResponse } = await import("@/lib/route");
    const pool = new pg.Pool({ connectionString: await closedUrl() });
    const error = await pool.query("SELECT 1").catch((e: unknown) => e);
    await pool.end();
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ error: { code: "UNAVAILABLE", message: expect.any(String) } });
  });

  it("classifies a connection the server terminated (57P01) as UNAVAILABLE too", async () => {
    const { toErrorBody } = await import("@/lib/errors");
    const client = new pg.Client({ connectionString: inject("runtimeDatabaseUrl") });
    await client.connect();
    client.on("error", () => undefined);
    const killer = new pg.Client({ connectionString: inject("runtimeDatabaseUrl") });
    await killer.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const terminated = client.query("SELECT pg_sleep(5)").catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await killer.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await killer.end();
    expect(toErrorBody(await terminated).code).toBe("UNAVAILABLE");
    await client.end().catch(() => undefined);
  });
});
