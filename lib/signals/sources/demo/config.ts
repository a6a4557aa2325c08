import { z } from "@/lib/input/zod";
import type { SourceCatalogEntry } from "@/lib/signals/sources/types";

// The demo generator picks a value shape by the signal's key; it is seeded, never chosen.

export const demoCatalog: SourceCatalogEntry = {
  kind: "DEMO",
  label: "Demo generator",
  tag: "demo",
  selectable: false,
  config: z.object({}),
  fields: [],
};
