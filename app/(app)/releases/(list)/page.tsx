import type { Metadata } from "next";
import Link from "next/link";
import { ReleaseTable } from "@/components/releases/release-table";
import { buttonClass } from "@/components/ui/button";
import { can } from "@/lib/permissions";
import { listReleases } from "@/lib/releases/queries";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Releases" };

export default async function ReleasesPage() {
  const user = await requireUser();
  const releases = await listReleases(user);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Releases</h1>
          <p className="mt-1 text-sm text-slate-600">Schema-changing releases, planned as expand → migrate → contract.</p>
        </div>
        {can(user, "plan.create") && (
          <Link href="/releases/new" className={buttonClass("primary")}>
            New release
          </Link>
        )}
      </div>
      <ReleaseTable releases={releases} />
    </div>
  );
}
