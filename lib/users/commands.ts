import { randomBytes } from "node:crypto";
import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { hashPassword } from "@/lib/auth/password";
import { endSession, endUserSessions } from "@/lib/auth/sessions";
import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ROLE_LABEL } from "@/lib/permissions";
import { assertAnotherAdminRemains } from "@/lib/users/last-admin";
import { describeRoleSource, roleManagedByIdentityProvider } from "@/lib/users/role-source";

// An admin ends every live session of a user (a lost laptop, a leaver): one audited event, and
// the user's next request is signed out, whatever cookie it carries.
const endAllSchema = z.object({ userId: z.uuid("Choose a user") });

export const endAllSessions: ActionConfig<typeof endAllSchema, { ended: number }> = {
  name: "user.end_sessions",
  input: endAllSchema,
  permission: "admin",
  async run({ tx, input, audit }) {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true } });
    if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
    const ended = await endUserSessions(tx, user.id);
    await audit({ action: "user.sessions_ended", after: { userId: user.id, email: user.email, ended } });
    return { ended };
  },
  revalidate: () => ["/settings/users"],
};

// Sign-out ends the session named by the caller's own cookie, and only a session of the caller.
const signOutSchema = z.object({ sessionId: z.uuid() });

export const signOutSession: ActionConfig<typeof signOutSchema, { ended: boolean }> = {
  name: "auth.sign_out",
  input: signOutSchema,
  permission: "read",
  async run({ tx, input, user, audit }) {
    const session = await tx.userSession.findUnique({ where: { id: input.sessionId }, select: { userId: true } });
    if (session?.userId !== user.id) throw new AppError("FORBIDDEN", "That is not your session.");
    const ended = await endSession(tx, input.sessionId);
    await audit({ action: "auth.signed_out" });
    return { ended };
  },
};

const role = z.enum(["VIEWER", "OPERATOR", "ADMIN"], "Choose Viewer, Operator or Admin");
const userId = z.uuid("Choose a user");

// Emails are stored lower-cased: sign-in lower-cases what is typed before looking the account up.
const createSchema = z.object({
  name: z.string().trim().min(1, "Enter the person's name").max(200, "Keep the name under 200 characters"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "Enter the person's email")
    .max(254, "Keep the email under 254 characters")
    .email("Enter an email address like name@example.com"),
  role,
});

const DUPLICATE_EMAIL = { email: ["Another account already uses this email"] };
const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "P2002";

// An admin creates a local account. Its first password is generated here and returned once (the
// admin hands it over); only its hash is kept, and it never enters the audit trail.
export const createUser: ActionConfig<typeof createSchema, { id: string; email: string; password: string }> = {
  name: "user.create",
  input: createSchema,
  permission: "admin",
  async run({ tx, input, audit }) {
    if (await tx.user.count({ where: { email: { equals: input.email, mode: "insensitive" } } }))
      throw new AppError("INVALID", "Some fields need attention.", DUPLICATE_EMAIL);
    const password = randomBytes(15).toString("base64url");
    const passwordHash = await hashPassword(password);
    const user = await tx.user
      .create({ data: { ...input, passwordHash }, select: { id: true, email: true } })
      // Someone else created the same email between the check and the insert.
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError("INVALID", "Some fields need attention.", DUPLICATE_EMAIL) : error;
      });
    await audit({ action: "user.created", after: { id: user.id, email: user.email, name: input.name, role: input.role } });
    return { id: user.id, email: user.email, password };
  },
  revalidate: () => ["/settings/users"],
};

async function findUser(tx: Tx, id: string) {
  const user = await tx.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, roleSource: true, roleSourceGroup: true, disabledAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", "That user does not exist.");
  return user;
}

// A changed role takes effect on the user's next request: each request reads the role afresh. A
// role the identity provider sets is refused while roles follow it; an admin's change makes the
// role the admin's again (lib/users/role-source.ts).
const roleSchema = z.object({ userId, role });

export const changeRole: ActionConfig<typeof roleSchema, { role: string }> = {
  name: "user.change_role",
  input: roleSchema,
  permission: "admin",
  async run({ tx, input, audit }) {
    const user = await findUser(tx, input.userId);
    if (roleManagedByIdentityProvider(user)) {
      throw new AppError("CONFLICT", `${user.name}'s role is ${describeRoleSource(user)} at each sign-in. Change their groups in the identity provider.`);
    }
    if (user.role === input.role) throw new AppError("CONFLICT", `${user.name} is already ${ROLE_LABEL[input.role]}.`);
    if (input.role !== "ADMIN") await assertAnotherAdminRemains(tx, user, "take away its admin role");
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, roleSource: "ADMIN", roleSourceGroup: null } });
    await audit({
      action: "user.role_changed",
      before: { id: user.id, email: user.email, role: user.role },
      after: { id: user.id, email: user.email, role: input.role },
    });
    return { role: input.role };
  },
  revalidate: () => ["/settings/users"],
};

// Disabling refuses the account at sign-in and ends its live sessions in the same transaction, so
// a browser already signed in is signed out on its next request. Enabling lets it sign in again.
const disabledSchema = z.object({ userId, disabled: z.boolean() });

export const setUserDisabled: ActionConfig<typeof disabledSchema, { disabled: boolean; endedSessions: number }> = {
  name: "user.set_disabled",
  input: disabledSchema,
  permission: "admin",
  async run({ tx, input, user: actor, audit }) {
    if (input.disabled && input.userId === actor.id) throw new AppError("CONFLICT", "You cannot disable your own account; another admin can.");
    const user = await findUser(tx, input.userId);
    if (!!user.disabledAt === input.disabled) throw new AppError("CONFLICT", `${user.name}'s account is already ${input.disabled ? "disabled" : "enabled"}.`);
    if (input.disabled) await assertAnotherAdminRemains(tx, user, "disable it");
    await tx.user.update({ where: { id: user.id }, data: { disabledAt: input.disabled ? new Date() : null } });
    const endedSessions = input.disabled ? await endUserSessions(tx, user.id) : 0;
    await audit({
      action: input.disabled ? "user.disabled" : "user.enabled",
      after: { id: user.id, email: user.email, ...(input.disabled ? { endedSessions } : {}) },
    });
    return { disabled: input.disabled, endedSessions };
  },
  revalidate: () => ["/settings/users"],
};
