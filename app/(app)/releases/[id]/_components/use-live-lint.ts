"use client";

import { useEffect, useState } from "react";
import type { Finding, StageKind } from "@/lib/lint/types";

// Re-checks the SQL on the server a moment after typing stops; an older answer never replaces
// a newer one.
export function useLiveLint(stage: StageKind, sql: string, initial: Finding[] | null, delayMs = 400) {
  const [findings, setFindings] = useState<Finding[] | null>(initial);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      setChecking(true);
      try {
        const response = await fetch("/api/v1/lint", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ stage, sql }),
          signal: controller.signal,
        });
        const body = await response.json();
        if (response.ok) {
          setFindings(body.findings);
          setFailure(null);
        } else {
          setFailure(body.error?.message ?? "The risk check failed.");
        }
      } catch (error) {
        if ((error as Error).name !== "AbortError") setFailure("The risk check could not reach the server.");
      } finally {
        if (!controller.signal.aborted) setChecking(false);
      }
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [stage, sql, delayMs]);

  return { findings, checking, failure };
}
