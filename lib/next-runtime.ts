import "server-only";
import { revalidatePath } from "next/cache";
import type { ActionRuntime } from "@/lib/action";
import { getCurrentUser } from "@/lib/session";

export const nextRuntime: ActionRuntime = {
  currentUser: getCurrentUser,
  revalidate(paths) {
    for (const path of paths) revalidatePath(path);
  },
};
