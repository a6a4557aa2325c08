import "server-only";
import { db } from "@/lib/db";

// People who can be given a role on a release: every active account.
export async function listAssignableUsers() {
  return db.user.findMany({ where: { disabledAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
