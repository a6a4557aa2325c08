import Link from "next/link";
import type { HiddenSignIns } from "@/lib/audit/log/hidden-sign-ins";
import { auditSearchParams, type AuditFilters } from "@/lib/audit/log/filters";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

// One line in place of the sign-ins the log leaves out, with the way to see them.
export function HiddenSignInsLine({ hidden, filters }: { hidden: HiddenSignIns; filters: AuditFilters }) {
  const what = hidden.more
    ? `More than ${plural(hidden.count, "sign-in", "sign-ins")} hidden`
    : `${plural(hidden.count, "sign-in", "sign-ins")} hidden (${plural(hidden.people, "person", "people")})`;
  return (
    <p className="text-sm text-slate-600">
      {what} —{" "}
      <Link href={`/audit?${auditSearchParams({ ...filters, showSignIns: true })}`} className="font-medium text-indigo-700 hover:underline">
        Show sign-ins
      </Link>
    </p>
  );
}
