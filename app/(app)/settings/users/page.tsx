import type { Metadata } from "next";
import { requireAdmin } from "@/lib/session";
import { listUsersWithSessions } from "@/lib/users/queries";
import { CreateUserForm } from "./create-user-form";
import { UserList } from "./user-list";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requireAdmin();
  const users = await listUsersWithSessions();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          A session ends when its user signs out, after 12 hours, or when you end it here: the next request from that browser is signed out, whatever cookie it
          keeps. A changed role or a disabled account takes effect on the user&apos;s next request.
        </p>
      </div>
      <CreateUserForm />
      <UserList users={users} currentUserId={user.id} />
    </div>
  );
}
