"use client";

import { buttonClass } from "@/components/ui/button";

export default function AppError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-slate-600">Nothing was changed. Try again; if it keeps failing, check that the database is reachable.</p>
      <button type="button" onClick={reset} className={buttonClass("secondary", "mt-4")}>
        Try again
      </button>
    </div>
  );
}
