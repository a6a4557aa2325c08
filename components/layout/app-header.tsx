import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { ROLE_LABEL, type CurrentUser } from "@/lib/permissions";

export function AppHeader({ user, signOut }: { user: CurrentUser; signOut: () => Promise<void> }) {
  return (
    <header className="no-print border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-1">
          <Link href="/releases" className="text-lg font-bold tracking-tight text-indigo-700">
            Switchback
          </Link>
          <Link href="/releases" className="text-sm font-medium text-slate-700 hover:text-slate-950">
            Releases
          </Link>
          <Link href="/audit" className="text-sm font-medium text-slate-700 hover:text-slate-950">
            Audit log
          </Link>
          {user.role === "ADMIN" && (
            <>
              <Link href="/settings/tokens" className="text-sm font-medium text-slate-700 hover:text-slate-950">
                API tokens
              </Link>
              <Link href="/settings/webhooks" className="text-sm font-medium text-slate-700 hover:text-slate-950">
                Webhooks
              </Link>
              <Link href="/settings/users" className="text-sm font-medium text-slate-700 hover:text-slate-950">
                Users
              </Link>
              <Link href="/settings/target-databases" className="text-sm font-medium text-slate-700 hover:text-slate-950">
                Target databases
              </Link>
            </>
          )}
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
