import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { appSql } from "@/lib/db/sql";
import { verifyChain, type ChainReport } from "@/lib/audit/verify";

const noInput = z.object({});

// "Verify chain" (admins): walks the trail and records that it did, with what it found. The walk
// runs before the action's transaction (a long read must not hold one open); the record is in it.
export const verifyAuditChain: ActionConfig<typeof noInput, ChainReport, ChainReport> = {
  name: "audit.verify_chain",
  input: noInput,
  permission: "admin",
  prepare: () => verifyChain(appSql()),
  async run(ctx) {
    await ctx.audit({ action: "audit.chain_verified", after: ctx.prepared });
    return ctx.prepared;
  },
};
