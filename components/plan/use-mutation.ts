"use client";

import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { ErrorBody } from "@/lib/errors";
import { oversizedInput } from "@/lib/input/body-limit";

// Calls a server action and keeps its error (with field errors) for the form to show.
// The caller's inputs stay as they are on failure: nothing typed is lost.
export function useMutation<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ErrorBody | null>(null);

  const run = useCallback(
    (input: I, onSuccess?: (data: T) => void) =>
      new Promise<boolean>((resolve) => {
        startTransition(async () => {
          let result: ActionResult<T>;
          const tooLarge = oversizedInput(input);
          try {
            result = tooLarge ? { ok: false, error: tooLarge } : await action(input);
          } catch {
            result = { ok: false, error: { code: "INTERNAL", message: "The server could not be reached; nothing was saved. Try again." } };
          }
          if (result.ok) {
            setError(null);
            onSuccess?.(result.data);
          } else {
            setError(result.error);
          }
          resolve(result.ok);
        });
      }),
    [action],
  );

  return { run, pending, error, clearError: () => setError(null), fieldError: (name: string) => error?.fieldErrors?.[name] };
}
