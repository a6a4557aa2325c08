import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { ROLE_LABEL, type CurrentUser } from "@/lib/permissions";

const LINKS = [
  ["/releases", "Releases"],
  ["/audit", "Audit log"],
] as const;
// Settings pages are for admins (lib/session.ts requireAdmin refuses anyone else).
const ADMIN_LINKS = [
  ["/settings/tokens", "API tokens"],
  ["/settings/webhooks", "Webhooks"],
  ["/settings/users", "Users"],
  ["/settings/target-databases", "Target databases"],
] as const;

export function AppHeader({ user, signOut }: { user: CurrentUser; signOut: () => Promise<void> }) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-1">
          <Link href="/releases" className="text-lg font-bold tracking-tight text-indigo-700">
            Switchback
          </Link>
          {(user.role === "ADMIN" ? [...LINKS, ...ADMIN_LINKS] : LINKS).map(([href, label]) => (
            <Link key={href} href={href} className="text-sm font-medium text-slate-700 hover:text-slate-950">
              {label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-slate-700">
            <Link href="/profile" className="font-medium text-slate-900 hover:underline">
              {user.name}
            </Link>{" "}
            <Badge>{ROLE_LABEL[user.role]}</Badge>
          </span>
          <form action={signOut}>
            <button type="submit" className={buttonClass("ghost")}>
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
