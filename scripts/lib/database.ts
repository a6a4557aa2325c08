import pg from "pg";
import { PlainError } from "@/lib/plain-error";

// Turns "cannot reach the database" into one sentence that says what to do.
export async function assertReachable(url: string): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  const where = `${hostname}:${port || 5432}`;
  const database = decodeURIComponent(pathname.slice(1)) || "postgres";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === "3D000") throw new PlainError(`The database "${database}" does not exist on ${where}; create it (createdb ${database}) or fix DATABASE_URL.`);
    if (code === "28P01" || code === "28000")
      throw new PlainError(`PostgreSQL at ${where} refused the login in DATABASE_URL; check the user name and password.`);
    throw new PlainError(`Cannot reach PostgreSQL at ${where} (${code ?? message}); check DATABASE_URL and that the server is running.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
