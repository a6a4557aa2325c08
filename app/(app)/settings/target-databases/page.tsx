import type { Metadata } from "next";
import { requireAdmin } from "@/lib/session";
import { listTargets } from "@/lib/targets/queries";
import { TargetForm } from "./target-form";
import { TargetList } from "./target-list";

export const metadata: Metadata = { title: "Target databases" };

export default async function TargetDatabasesPage() {
  await requireAdmin();
  const targets = await listTargets();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Target databases</h1>
        <p className="mt-1 text-sm text-slate-600">
          The databases your releases migrate. Switchback only reads them: every session it opens is read-only, gives up on a statement after 2 seconds and on a
          lock after 100 ms, and names itself &quot;switchback&quot;. Use a role that may read the catalog and, for the Contract proof, pg_stat_statements.
          Connection URLs are encrypted at rest; their passwords are never shown again.
        </p>
      </div>
      <TargetForm />
      <TargetList targets={targets} />
    </div>
  );
}
