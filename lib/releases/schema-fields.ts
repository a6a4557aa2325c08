import { z } from "@/lib/input/zod";

// Fields several plan input schemas share (schemas.ts, criterion-schema.ts).

export const id = z.uuid("Not a valid id");
export const optionalId = z
  .union([z.uuid(), z.literal(""), z.null()])
  .optional()
  .transform((value) => value || null);
