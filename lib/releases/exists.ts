import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import { isUuid } from "@/lib/uuid";

// Every signed-in user may read every release (PRODUCT.md: "read everything"), so whether the
// release exists is the whole question. A malformed id never reaches the uuid column.
export async function releaseExists(_user: CurrentUser, id: string): Promise<boolean> {
  return isUuid(id) && (await db.release.count({ where: { id } })) > 0;
}
