import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requireUser } from "@/lib/session";
import { signOutAction } from "./actions";

// Every page below this checks the session once here; actions and routes check again themselves.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader user={user} signOut={signOutAction} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
