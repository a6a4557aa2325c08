import { z } from "@/lib/input/zod";

// POST /api/v1/lint's body: one stage's SQL, checked as the plan page checks it while it is typed.
export const lintRequestSchema = z.object(
  {
    stage: z.enum(["EXPAND", "MIGRATE", "CONTRACT"], { error: "must be EXPAND, MIGRATE or CONTRACT" }),
    sql: z.string({ error: "must be the stage SQL as text" }),
  },
  { error: "must be a JSON object with stage and sql" },
);
