"use client";

import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";

// What an error boundary shows: one plain sentence. What lands there is nearly always passing (the
// database restarting or failing over, every connection busy), so the page tries again by itself;
// the pause leaves a struggling server room.
const RETRY_SECONDS = 5;

export function RetryingError({ retry }: { retry: () => void }) {
  const [left, setLeft] = useState(RETRY_SECONDS);

  // Until a retry succeeds (and this boundary goes away), one every RETRY_SECONDS.
  useEffect(() => {
    let deadline = Date.now() + RETRY_SECONDS * 1000;
    const timer = setInterval(() => {
      const remaining = Math.ceil((deadline - Date.now()) / 1000);
      if (remaining > 0) return setLeft(remaining);
      deadline = Date.now() + RETRY_SECONDS * 1000;
      setLeft(RETRY_SECONDS);
      retry();
    }, 1000);
    return () => clearInterval(timer);
  }, [retry]);

  return (
    <div role="alert" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <p className="text-sm text-slate-700">This page cannot be loaded right now; nothing was changed, and it tries again in {left} s.</p>
      <button type="button" onClick={retry} className={buttonClass("secondary", "mt-4")}>
        Try again now
      </button>
    </div>
  );
}
