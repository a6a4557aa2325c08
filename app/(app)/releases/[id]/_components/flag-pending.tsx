import type { FlagProviderKind } from "@/lib/flags/providers/types";
import { statusWord, type ReleaseStatus } from "@/lib/releases/state-line";

// What a skeleton says while the flag provider answers: it names the provider and makes no claim
// about the flag's state.
export function flagPendingText(kind: FlagProviderKind): string {
  return kind === "UNLEASH" ? "Checking the flag with Unleash…" : "Reading the built-in flag…";
}

// Stands in for the state bar until the flag is read: the status is known at once, the flag is not.
export function StateBarPending({ status, text }: { status: ReleaseStatus; text: string }) {
  return (
    <div aria-busy="true" className="flex flex-wrap items-center gap-x-6 gap-y-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
      <p className="rounded-md bg-slate-600 px-3 py-1.5 text-2xl font-extrabold tracking-wide text-white">{statusWord(status)}</p>
      <p className="text-sm text-slate-600">{text}</p>
    </div>
  );
}
