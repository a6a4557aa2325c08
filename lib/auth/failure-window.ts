import type { Tx } from "@/lib/db";
import { appendAudit } from "@/lib/audit/append";

// Failed sign-ins come from anyone, so one audit event per failure would let anyone flood the
// trail. They are gathered instead into one window at a time (WINDOW_MS from its first failure):
// one event when it opens, one with the count and a sample of accounts and addresses when it
// closes — at most two events per window however many failures arrive. A window closes at the
// first sign-in attempt after its end; the audit trail itself stays append-only.

const WINDOW_MS = 15 * 60 * 1000;
const SAMPLE = 20;
const anonymous = { type: "SYSTEM", label: "anonymous" } as const;

export interface Failure {
  email: string;
  address: string;
  locked: boolean;
}

interface ClosedWindow {
  opened_at: Date;
  last_failure_at: Date;
  failures: number;
  accounts: string[] | null;
  addresses: string[] | null;
  locked_accounts: string[] | null;
}

export async function closeExpiredWindows(tx: Tx, now = new Date()): Promise<void> {
  const closed = await tx.$queryRaw<ClosedWindow[]>`
    UPDATE sign_in_failure_windows SET closed_at = ${now}
     WHERE closed_at IS NULL AND opened_at <= ${new Date(now.getTime() - WINDOW_MS)}
    RETURNING opened_at, last_failure_at, failures, accounts, addresses, locked_accounts`;
  for (const w of closed) {
    await appendAudit(tx, {
      actor: anonymous,
      action: "auth.sign_in_failures",
      after: {
        failures: w.failures,
        from: w.opened_at.toISOString(),
        to: w.last_failure_at.toISOString(),
        accounts: w.accounts ?? [],
        addresses: w.addresses ?? [],
        lockedAccounts: w.locked_accounts ?? [],
      },
    });
  }
}

// Keeps up to SAMPLE distinct values: enough to see who was targeted, bounded whatever arrives.
const sampled = (column: string) =>
  `CASE WHEN $VALUE = ANY(w.${column}) OR cardinality(w.${column}) >= ${SAMPLE} THEN w.${column} ELSE array_append(w.${column}, $VALUE) END`;

export async function noteFailure(tx: Tx, failure: Failure, now = new Date()): Promise<void> {
  await closeExpiredWindows(tx, now);
  const locked = failure.locked ? [failure.email] : [];
  const [row] = await tx.$queryRawUnsafe<{ opened: boolean }[]>(
    `INSERT INTO sign_in_failure_windows AS w (opened_at, last_failure_at, failures, accounts, addresses, locked_accounts)
     VALUES ($1, $1, 1, ARRAY[$2::text], ARRAY[$3::text], $4::text[])
     ON CONFLICT ((closed_at IS NULL)) WHERE closed_at IS NULL DO UPDATE SET
       failures = w.failures + 1,
       last_failure_at = EXCLUDED.last_failure_at,
       accounts = ${sampled("accounts").replaceAll("$VALUE", "$2::text")},
       addresses = ${sampled("addresses").replaceAll("$VALUE", "$3::text")},
       locked_accounts = CASE WHEN cardinality($4::text[]) = 0 THEN w.locked_accounts ELSE ${sampled("locked_accounts").replaceAll("$VALUE", "$2::text")} END
     RETURNING (xmax = 0) AS opened`,
    now,
    failure.email,
    failure.address,
    locked,
  );
  if (row?.opened) {
    await appendAudit(tx, { actor: anonymous, action: "auth.sign_in_failures_started", after: { email: failure.email, address: failure.address } });
  }
}
