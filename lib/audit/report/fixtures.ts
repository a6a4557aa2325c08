import type { AuditEntry } from "@/lib/audit/report/types";

// Audit entries for the pure tests of this folder: only what each test cares about is spelled out.

export const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

let next = 0;

export function entry(action: string, at: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  next++;
  return { id: String(next), at, actorType: "USER", actorId: "u-alice", actorLabel: "Alice", action, before: null, after: null, ...overrides };
}

export const systemEntry = (action: string, at: number, after: unknown): AuditEntry =>
  entry(action, at, { actorType: "SYSTEM", actorId: null, actorLabel: "Switchback auto-stop", after });
