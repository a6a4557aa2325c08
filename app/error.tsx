"use client";

import { RetryingError } from "@/components/layout/retrying-error";

// Catches what (app)/error.tsx cannot: a failure in the signed-in layout itself, which reads the
// session from the database on every request, so a database outage lands here first.
export default function RootError({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <RetryingError retry={retry} />
    </main>
  );
}
