import { z } from "@/lib/input/zod";
import type { SourceCatalogEntry } from "@/lib/signals/sources/types";

// Pushed values name their signal by key; the signal itself needs no settings.

export const pushCatalog: SourceCatalogEntry = {
  kind: "PUSH",
  label: "Pushed through the API",
  tag: "push",
  selectable: true,
  config: z.object({}),
  fields: [],
};
