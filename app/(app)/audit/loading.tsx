import { AuditTableSkeleton } from "@/components/audit/log/audit-table";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading the audit log" className="space-y-6">
      <div className="h-8 w-40 animate-pulse rounded bg-slate-200" />
      <div className="h-28 animate-pulse rounded-lg bg-slate-100" />
      <AuditTableSkeleton />
    </div>
  );
}
