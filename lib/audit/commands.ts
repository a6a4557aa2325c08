import { z } from "zod";
import type { ActionConfig } from "@/lib/action";
import { appendAudit } from "@/lib/audit/append";
import { verifyChain, type ChainReport } from "@/lib/audit/verify";

const noInput = z.object({});

// "Verify chain" (admins): walks the trail and records that it did, with what it found. It runs
// outside a transaction (a long read must not hold one open); the record is one statement.
export const verifyAuditChain: ActionConfig<typeof noInput, ChainReport> = {
  name: "audit.verify_chain",
  input: noInput,
  permission: "admin",
  engine: "statement",
  async run(ctx) {
    const report = await verifyChain(ctx.sql);
    await appendAudit(ctx.sql, { actor: { type: "USER", id: ctx.user.id, label: ctx.user.name }, action: "audit.chain_verified", after: report });
    ctx.audited();
    return report;
  },
};
