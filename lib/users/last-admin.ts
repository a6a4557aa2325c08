import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

// Switchback must always keep one active admin: without one nobody can manage users or tokens,
// and the only way back is the command line on the server.

// Locks every active admin row before counting, so two admins demoting each other at the same
// moment are serialized: the second sees the first's change and is refused.
async function otherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL ORDER BY id FOR UPDATE`;
  return rows.filter((row) => row.id !== userId).length;
}

export async function assertAnotherAdminRemains(tx: Tx, user: { id: string; role: string; disabledAt: Date | null }, change: string): Promise<void> {
  if (user.role !== "ADMIN" || user.disabledAt) return;
  if ((await otherActiveAdmins(tx, user.id)) === 0) {
    throw new AppError("CONFLICT", `This is the last active admin, so you cannot ${change}. Make someone else an admin first.`);
  }
}
