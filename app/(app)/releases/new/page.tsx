import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { can } from "@/lib/permissions";
import { listReleases } from "@/lib/releases/queries";
import { requireUser } from "@/lib/session";
import { NewReleaseForm } from "./new-release-form";

export const metadata: Metadata = { title: "New release" };

export default async function NewReleasePage() {
  const user = await requireUser();
  if (!can(user, "plan.create")) forbidden(); // 403 with ./forbidden.tsx, which says why
  const earlier = await listReleases(user);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New release</h1>
        <p className="mt-1 text-sm text-slate-600">Plan a schema change as expand → migrate → contract, on one page.</p>
      </div>
      <NewReleaseForm earlier={earlier.map((r) => ({ id: r.id, title: r.title }))} />
    </div>
  );
}
