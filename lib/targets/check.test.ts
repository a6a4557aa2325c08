import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targetClient } from "@/lib/db/pg";
import { freePort } from "@/lib/net";
import { checkTarget } from "@/lib/targets/check";
import { createScratchDatabase, withClient } from "@/lib/testing/db";
import { liveTarget } from "@/lib/testing/targets";

// "Test connection" against a real second database on the test cluster, as the admin's URL
// would reach it (the cluster's superuser: the database-level facts are what is checked here).

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
beforeAll(async () => {
  scratch = await createScratchDatabase();
});
afterAll(async () => {
  await scratch.drop();
});

const withUrl = (change: (url: URL) => void) => {
  const url = new URL(scratch.url);
  change(url);
  return url.toString();
};

describe("testing a target database's connection", () => {
  it("answers with the server version and that pg_stat_statements is not installed", async () => {
    const result = await checkTarget(scratch.url);
    const version = await withClient(
      scratch.url,
      async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v.split(" ")[0]!,
    );
    expect(result).toEqual({ ok: true, serverVersion: version, statementsAvailable: false, message: expect.stringContaining(`PostgreSQL ${version}.`) });
    expect(result.message).toContain("pg_stat_statements is not installed in this database");
  });

  it("reports an installed pg_stat_statements truthfully: available only when the server loaded it", async () => {
    const preloaded = await withClient(scratch.url, async (c) => {
      await c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      return (await c.query<{ v: string }>("SELECT current_setting('shared_preload_libraries') AS v")).rows[0]!.v.includes("pg_stat_statements");
    });
    const result = await checkTarget(scratch.url);
    expect(result).toMatchObject({ ok: true, statementsAvailable: preloaded });
    expect(result.message).toContain(preloaded ? "pg_stat_statements is available." : "installed but not loaded: add it to shared_preload_libraries");
  });

  it("says pg_stat_statements is usable on a server that preloads it, and why not for a role that sees only its own statements", async () => {
    const live = await liveTarget();
    try {
      expect(await checkTarget(live.url)).toMatchObject({
        ok: true,
        statementsAvailable: true,
        message: expect.stringContaining("pg_stat_statements is available."),
      });
      const role = `reader_${Math.random().toString(36).slice(2, 10)}`;
      await withClient(live.url, (c) => c.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`));
      const reader = new URL(live.url);
      [reader.username, reader.password] = [role, "pw"];
      expect(await checkTarget(reader.toString())).toMatchObject({
        ok: true,
        statementsAvailable: false,
        message: expect.stringContaining(`user "${role}" sees only its own statements (GRANT pg_read_all_stats TO ${role})`),
      });
      await withClient(live.url, (c) => c.query(`GRANT pg_read_all_stats TO ${role}`));
      expect(await checkTarget(reader.toString())).toMatchObject({ ok: true, statementsAvailable: true });
      await withClient(live.url, (c) => c.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`)).catch(() => undefined);
    } finally {
      await live.drop();
    }
  });

  it("says the password was refused", async () => {
    const result = await checkTarget(withUrl((u) => (u.password = "wrong-password")));
    expect(result).toEqual({ ok: false, message: 'The server refused the password for user "postgres".' });
  });

  it("says nothing listens on a closed port", async () => {
    const port = await freePort();
    const result = await checkTarget(withUrl((u) => (u.port = String(port))));
    expect(result).toEqual({ ok: false, message: `Nothing is listening on 127.0.0.1:${port}: the connection was refused.` });
  });

  it("says a server that accepts but never answers did not answer in time", async () => {
    // A silent peer: the TCP handshake completes, the startup message is never answered.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      const result = await checkTarget(withUrl((u) => (u.port = String(port))));
      expect(result).toEqual({ ok: false, message: `127.0.0.1:${port} did not answer within 3 seconds.` });
    } finally {
      silent.close();
    }
  });

  it("says the database does not exist", async () => {
    const result = await checkTarget(withUrl((u) => (u.pathname = "/no_such_database")));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/^There is no database "no_such_database" on 127\.0\.0\.1:\d+\.$/) });
  });

  it("opens read-only sessions with short timeouts that the URL cannot override", async () => {
    const url = withUrl((u) => u.searchParams.set("options", "-c default_transaction_read_only=off -c statement_timeout=0"));
    const client = targetClient(url);
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT current_setting('default_transaction_read_only') AS ro, current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt, current_setting('application_name') AS app",
      );
      expect(rows[0]).toEqual({ ro: "on", st: "2s", lt: "100ms", app: "switchback" });
      await expect(client.query("CREATE TABLE t (id int)")).rejects.toMatchObject({ code: "25006" });
    } finally {
      await client.end();
    }
  });
});
