"use client";

import { useCallback, useMemo, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action";
import type { ErrorBody } from "@/lib/errors";
import { oversizedInput } from "@/lib/input/body-limit";

// One error display shared by several mutations (a checklist's edit, move, remove, add): it
// holds the latest outcome only, so a save that works clears an earlier refusal, whichever
// mutation that came from. `owner` says which mutation's refusal is shown, so each can show it
// beside the control it belongs to.
export interface ErrorSlot {
  owner: string | null;
  error: ErrorBody | null;
  set: (owner: string, error: ErrorBody | null) => void;
  clear: (owner?: string) => void;
}

export function useErrorSlot(): ErrorSlot {
  const [state, setState] = useState<{ owner: string; error: ErrorBody } | null>(null);
  const set = useCallback((owner: string, error: ErrorBody | null) => setState(error ? { owner, error } : null), []);
  const clear = useCallback((owner?: string) => setState((current) => (owner === undefined || current?.owner === owner ? null : current)), []);
  return useMemo(() => ({ owner: state?.owner ?? null, error: state?.error ?? null, set, clear }), [state, set, clear]);
}

// Calls a server action and keeps its error (with field errors) for the form to show: its own,
// or, given a shared slot, the slot's while this mutation is the one that failed last.
// The caller's inputs stay as they are on failure: nothing typed is lost.
export function useMutation<I, T>(action: (input: I) => Promise<ActionResult<T>>, shared?: { slot: ErrorSlot; owner: string }) {
  const [pending, startTransition] = useTransition();
  const [ownError, setOwnError] = useState<ErrorBody | null>(null);
  const slot = shared?.slot;
  const owner = shared?.owner ?? "";
  const error = slot ? (slot.owner === owner ? slot.error : null) : ownError;
  const setSlot = slot?.set;
  const report = useCallback((next: ErrorBody | null) => (setSlot ? setSlot(owner, next) : setOwnError(next)), [setSlot, owner]);

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
            report(null);
            onSuccess?.(result.data);
          } else {
            report(result.error);
          }
          resolve(result.ok);
        });
      }),
    [action, report],
  );

  const clearError = () => (slot ? slot.clear(owner) : setOwnError(null));
  return { run, pending, error, clearError, fieldError: (name: string) => error?.fieldErrors?.[name] };
}
