"use client";

import { Badge } from "@/components/ui/badge";
import { ROLE_LABEL, type Role } from "@/lib/permissions";
import { UserActions } from "./user-actions";
import { DataTable } from "@/components/ui/table";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  // "set by an admin" or "set by the identity provider (release-ops)".
  roleSetBy: string;
  roleManagedByIdentityProvider: boolean;
  disabledAt: Date | null;
  activeSessions: number;
}

export function UserList({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <div className="space-y-3">
      <DataTable
        columns={[
          { label: "Name" },
          { label: "Email", className: "hidden sm:table-cell" },
          { label: "Role" },
          { label: "Role source", className: "hidden sm:table-cell" },
          { label: "Active sessions" },
          { label: "Actions", srOnly: true },
        ]}
      >
        {users.map((u) => (
          <tr key={u.id}>
            <td className="px-3 py-2">
              {u.name} {u.id === currentUserId && <span className="text-xs text-slate-500">(you)</span>} {u.disabledAt && <Badge>Disabled</Badge>}
              {/* On a phone the email sits under the name instead of in a column of its own. */}
              <span className="block break-all text-xs text-slate-500 sm:hidden">{u.email}</span>
            </td>
            <td className="hidden px-3 py-2 sm:table-cell">{u.email}</td>
            <td className="px-3 py-2">
              {ROLE_LABEL[u.role]}
              {/* On a phone, where the role comes from sits under it, so the actions stay in view. */}
              <span className="block text-xs text-slate-600 sm:hidden">{u.roleSetBy}</span>
            </td>
            <td className="hidden px-3 py-2 text-xs text-slate-600 sm:table-cell">{u.roleSetBy}</td>
            <td className="px-3 py-2">{u.activeSessions}</td>
            <td className="px-3 py-2 text-right">
              <UserActions user={u} isSelf={u.id === currentUserId} />
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
