import type { ReactNode } from "react";

const SECTIONS = [
  { href: "#release-details", label: "Details" },
  { href: "#stage-expand", label: "Expand" },
  { href: "#stage-migrate", label: "Migrate" },
  { href: "#stage-contract", label: "Contract" },
  { href: "#runbook", label: "Runbook" },
  { href: "#criteria", label: "Criteria" },
  { href: "#drills", label: "Drills" },
  { href: "#readiness", label: "Readiness" },
];

// Stays at the top while the long plan scrolls: status, readiness so far and the next thing to do
// (`readiness`, streamed: see readiness-from-read.tsx), and a link to every section.
export function PlanSummaryBar({ status, readiness, live }: { status: string; readiness: ReactNode; live: ReactNode }) {
  return (
    <div className="sticky top-0 z-10 -mx-4 space-y-1 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm backdrop-blur print:static">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span className="font-bold tracking-wide">{status}</span>
        {readiness}
        <span className="ml-auto">{live}</span>
      </div>
      <nav aria-label="Plan sections">
        {/* One line on a phone (it scrolls sideways inside the bar), so the bar stays short. */}
        <ul className="flex gap-x-3 gap-y-1 overflow-x-auto whitespace-nowrap text-sm sm:flex-wrap sm:overflow-visible">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <a href={s.href} className="text-slate-700 underline-offset-2 hover:text-indigo-700 hover:underline">
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
