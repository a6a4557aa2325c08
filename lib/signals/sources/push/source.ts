import { pushCatalog } from "@/lib/signals/sources/push/config";
import type { PushSource } from "@/lib/signals/sources/types";

export const pushSource: PushSource = {
  ...pushCatalog,
  mode: "push",
  // Pushes need only a release token, which any release can have.
  health: () => ({ ok: true, message: "Takes samples POSTed to /api/v1/releases/{id}/signals with a release token." }),
};
