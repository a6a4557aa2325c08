import type { ComponentProps } from "react";
import { AutoStopBanner } from "@/app/(app)/releases/[id]/cockpit/_components/auto-stop-banner";
import { FlagPanel } from "@/app/(app)/releases/[id]/cockpit/_components/flag-panel";
import type { FlagPanelState } from "@/lib/flags/read-state";
import { formatTime } from "@/lib/format/time";

// The cockpit's flag widgets, each behind its own <Suspense>, all fed by the page's ONE flag read
// (app/(app)/releases/[id]/_components/flag-read.ts): they resolve together and cannot disagree.

type Read = { flag: Promise<FlagPanelState> };

export async function FlagPanelFromRead({ flag, ...props }: Omit<ComponentProps<typeof FlagPanel>, "flag"> & Read) {
  return <FlagPanel {...props} flag={await flag} />;
}

// Held back until the flag panel can show the same read: the banner must never announce a flip
// next to a panel that does not show it yet (e2e/auto-stop.spec.ts).
export async function AutoStopFromRead({ flag, ...props }: ComponentProps<typeof AutoStopBanner> & Read) {
  await flag;
  return <AutoStopBanner {...props} />;
}

// Same id and heading as the panel, so "Skip to kill switch" lands here while the provider answers.
export function FlagPanelPending({ text }: { text: string }) {
  return (
    <section
      id="kill-switch"
      tabIndex={-1}
      aria-labelledby="flag-heading"
      aria-busy="true"
      className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600"
    >
      <h2 id="flag-heading" className="text-lg font-semibold">
        Kill switch
      </h2>
      <p className="text-sm text-slate-600">{text}</p>
    </section>
  );
}

export function AutoStopPending({ at, text }: { at: string; text: string }) {
  return (
    <div aria-busy="true" className="rounded-lg border-2 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-900">
      Switchback auto-stop paused this release at {formatTime(new Date(at))}. {text}
    </div>
  );
}
