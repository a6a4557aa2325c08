import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { targetClient } from "@/lib/db/pg";

// A target URL is used as the admin typed it: what it leaves out is not filled from this server's
// environment (PGUSER, PGPASSWORD, ~/.pgpass), which holds Switchback's own credentials.

const admin = new URL(inject("targetAdminDatabaseUrl"));

// The variables pg would read, set for one test at a time and put back after it.
afterEach(() => {
  vi.unstubAllEnvs();
});

async function connectAs(url: string): Promise<string> {
  const client = targetClient(url);
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.query("SELECT current_user AS u")).rows[0].u;
  } catch (error) {
    return `refused: ${(error as { code?: string }).code ?? (error as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("a target URL's credentials", () => {
  it("signs in with the URL's user and password", async () => {
    expect(await connectAs(admin.href)).toBe(decodeURIComponent(admin.username));
  });

  it("does not send this server's PGPASSWORD when the URL has no password", async () => {
    vi.stubEnv("PGPASSWORD", decodeURIComponent(admin.password));
    const url = new URL(admin.href);
    url.password = "";
    // With PGPASSWORD it would sign in; without, the client has no password to give the server.
    expect(await connectAs(url.href)).toMatch(/^refused: .*client password must be a non-empty string/);
  });

  it("does not sign in as this server's PGUSER when the URL names no user", async () => {
    vi.stubEnv("PGUSER", decodeURIComponent(admin.username));
    vi.stubEnv("PGPASSWORD", decodeURIComponent(admin.password));
    const url = new URL(admin.href);
    url.username = "";
    url.password = "";
    expect(await connectAs(url.href)).toMatch(/^refused: .*client password must be a non-empty string/);
  });
});
