import { z } from "zod";
import type { ActionConfig } from "@/lib/action";
import { endSession, endUserSessions } from "@/lib/auth/sessions";
import { AppError } from "@/lib/errors";

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
