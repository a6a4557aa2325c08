"use client";

import { RetryingError } from "@/components/layout/retrying-error";

// A page below the signed-in layout failed to render: one plain sentence, and it retries itself.
export default function AppError({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <RetryingError retry={retry} />;
}
