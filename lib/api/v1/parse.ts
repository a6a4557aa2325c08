import type { z } from "@/lib/input/zod";
import { AppError, fieldErrorsOf } from "@/lib/errors";

// A v1 route's query string or path parameters through its zod schema: a 400 naming each field.
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID", "Some parameters need attention.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

export const queryOf = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
