"use client";

import { Badge } from "@/components/ui/badge";
import { ROLE_LABEL, type Role } from "@/lib/permissions";
import { UserActions } from "./user-actions";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabledAt: Date | null;
  activeSessions: number;
}

export function UserList({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 rounded-lg bg-white text-sm shadow-sm ring-1 ring-slate-200">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="hidden px-3 py-2 sm:table-cell">Email</th>
            <th scope="col" className="px-3 py-2">Role</th>
            <th scope="col" className="px-3 py-2">Active sessions</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id}>
              <td className="px-3 py-2">
                {u.name} {u.id === currentUserId && <span className="text-xs text-slate-500">(you)</span>} {u.disabledAt && <Badge>Disabled</Badge>}
                {/* On a phone the email sits under the name instead of in a column of its own. */}
                <span className="block break-all text-xs text-slate-500 sm:hidden">{u.email}</span>
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">{u.email}</td>
              <td className="px-3 py-2">{ROLE_LABEL[u.role]}</td>
              <td className="px-3 py-2">{u.activeSessions}</td>
              <td className="px-3 py-2 text-right">
                <UserActions user={u} isSelf={u.id === currentUserId} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}
