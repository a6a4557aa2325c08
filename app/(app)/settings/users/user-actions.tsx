"use client";

import { useState } from "react";
import { useMutation } from "@/components/hooks/use-mutation";
import { buttonClass } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { Role } from "@/lib/permissions";
import { changeRoleAction, endAllSessionsAction, setUserDisabledAction } from "./actions";
import { ROLE_OPTIONS } from "./create-user-form";
import type { UserRow } from "./user-list";

const small = buttonClass("secondary", "py-1 text-xs");

// One user's controls. Each control is named after its user, so a screen reader moving through
// the table (and a test) knows whose role or account it changes. A refusal (the last admin, one's
// own account) is shown in the row it belongs to.
export function UserActions({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const [role, setRole] = useState<Role>(user.role);
  const end = useMutation(endAllSessionsAction);
  const change = useMutation(changeRoleAction);
  const toggle = useMutation(setUserDisabledAction);
  const pending = end.pending || change.pending || toggle.pending;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {/* A role the identity provider sets is changed there; the server refuses it too. */}
        <select
          aria-label={`Role for ${user.name}`}
          disabled={user.roleManagedByIdentityProvider}
          title={user.roleManagedByIdentityProvider ? "Change this person's groups in the identity provider" : undefined}
          className="rounded-md border-0 py-1 pl-2 pr-8 text-xs ring-1 ring-inset ring-slate-300"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={small}
          disabled={pending || role === user.role || user.roleManagedByIdentityProvider}
          onClick={() => void change.run({ userId: user.id, role })}
        >
          Change role
        </button>
        {user.disabledAt ? (
          <button type="button" className={small} disabled={pending} onClick={() => void toggle.run({ userId: user.id, disabled: false })}>
            Enable
          </button>
        ) : (
          // Disabling oneself is refused by the server too; here it is not offered.
          <button type="button" className={small} disabled={pending || isSelf} onClick={() => void toggle.run({ userId: user.id, disabled: true })}>
            Disable
          </button>
        )}
        <button type="button" className={small} disabled={pending || user.activeSessions === 0} onClick={() => void end.run({ userId: user.id })}>
          End all sessions
        </button>
      </div>
      <FormError error={change.error ?? toggle.error ?? end.error} />
    </div>
  );
}
