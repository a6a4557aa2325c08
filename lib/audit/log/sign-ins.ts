import type { AuditFilters } from "@/lib/audit/log/filters";

// Signing in and out is most of a busy trail and says nothing about a release, so the global log
// and its export leave these events out unless asked ("Show sign-ins"), and say how many they
// left out. Failed sign-ins and ended sessions stay: those are the ones a reviewer looks for.

export const SIGN_IN_ACTIONS = ["auth.signed_in", "auth.signed_out"];

// Constants, so written as literals: a statement's text (and its prepared name) stays the same.
export const SIGN_IN_LIST = SIGN_IN_ACTIONS.map((action) => `'${action}'`).join(", ");

// An action filter names what it wants, and a release has no sign-ins to hide.
export const hidesSignIns = (filters: AuditFilters) => !filters.showSignIns && !filters.action && !filters.releaseId;
