import Link from "next/link";
import type { ComponentProps } from "react";
import { ReadinessPanel } from "@/app/(app)/releases/[id]/_components/readiness-panel";
import { nextAction } from "@/lib/releases/next-action";
import type { gatherReadiness } from "@/lib/releases/readiness-data";
import type { ReleaseStatus } from "@/lib/releases/status";

// The plan's readiness widgets, each behind its own <Suspense>: readiness runs squawk on every
// stage's SQL and asks the flag provider, which can take seconds. All of them await the page's one
// gatherReadiness() promise, so the summary bar, the stage findings and the panel agree.

export type Readiness = Awaited<ReturnType<typeof gatherReadiness>>;

export async function ReadinessSummary({ readiness, releaseId, status }: { readiness: Promise<Readiness>; releaseId: string; status: ReleaseStatus }) {
  const { checks } = await readiness;
  const ready = checks.filter((c) => c.ok).length;
  const next = nextAction(releaseId, status, checks);
  return (
    <>
      <span>
        Readiness{" "}
        <strong className={ready === checks.length ? "text-emerald-800" : "text-amber-800"}>
          {ready}/{checks.length}
        </strong>
      </span>
      <Link href={next.href} className="font-semibold text-indigo-700 hover:underline">
        {next.text}
      </Link>
    </>
  );
}

export function ReadinessSummaryPending() {
  return (
    <span aria-busy="true" className="text-slate-600">
      Readiness: checking…
    </span>
  );
}

type PanelProps = Omit<ComponentProps<typeof ReadinessPanel>, "checks" | "lintErrors">;

export async function ReadinessPanelFromRead({ readiness, ...props }: PanelProps & { readiness: Promise<Readiness> }) {
  const { checks, lintErrors } = await readiness;
  return <ReadinessPanel {...props} checks={checks} lintErrors={lintErrors} />;
}

// Same id and heading as the panel, so the summary bar's "Readiness" link lands here meanwhile.
export function ReadinessPanelPending({ provider }: { provider: string }) {
  return (
    <section
      id="readiness"
      aria-labelledby="readiness-heading"
      aria-busy="true"
      className="scroll-mt-4 space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <h2 id="readiness-heading" className="text-lg font-semibold">
        Readiness
      </h2>
      <p className="text-sm text-slate-600">Checking readiness: squawk is linting each stage&apos;s SQL and {provider} is asked about the flag…</p>
    </section>
  );
}
