import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { PlainError } from "@/lib/plain-error";

// `npm run user -- --email you@example.com --name "You" --role admin`
// Creates a local user with a generated password (printed once), or changes an existing user's
// role. For the first admin on your own PostgreSQL, where no demo users exist. Audited.

const ROLES = ["viewer", "operator", "admin"] as const;

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "viewer" } } });
  const email = values.email?.trim().toLowerCase();
  const role = values.role?.toLowerCase() as (typeof ROLES)[number];
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email))
    throw new PlainError('Give the user\'s email: npm run user -- --email you@example.com --name "You" --role admin');
  if (!ROLES.includes(role)) throw new PlainError(`--role must be one of ${ROLES.join(", ")}.`);

  const { env } = await import("@/lib/env");
  if (!env.DATABASE_URL) throw new PlainError("Set DATABASE_URL to the PostgreSQL Switchback uses.");
  const { createDb } = await import("@/lib/db");
  const { appendAudit } = await import("@/lib/audit/append");
  const { hashPassword } = await import("@/lib/auth/password");
  const db = createDb(env.DATABASE_URL, 1);
  const actor = { type: "SYSTEM", label: "command line" } as const;
  const dbRole = role.toUpperCase() as "VIEWER" | "OPERATOR" | "ADMIN";
  try {
    const existing = await db.user.findUnique({ where: { email }, select: { id: true, role: true } });
    if (existing) {
      await db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: existing.id }, data: { role: dbRole, roleSource: "ADMIN", roleSourceGroup: null } });
        await appendAudit(tx, {
          actor,
          action: "user.role_changed",
          before: { id: existing.id, role: existing.role },
          after: { id: existing.id, role: dbRole },
        });
      });
      process.stdout.write(`${email} is now ${role}.\n`);
      return;
    }
    const password = randomBytes(12).toString("base64url");
    const passwordHash = await hashPassword(password);
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: values.name?.trim() || email, role: dbRole, passwordHash }, select: { id: true } });
      await appendAudit(tx, { actor, action: "user.created", after: { id: user.id, email, role: dbRole } });
    });
    process.stdout.write(`Created ${role} ${email} with password ${password} (shown once).\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof PlainError || (error as Error)?.name === "EnvError";
  process.stderr.write(`${known ? (error as Error).message : String(error)}\n`);
  process.exit(1);
});
