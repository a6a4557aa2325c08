import { z } from "@/lib/input/zod";
import type { ActionConfig } from "@/lib/action";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { checkTarget, type TargetCheck } from "@/lib/targets/check";
import { seal, unseal } from "@/lib/targets/seal";
import { maskedUrl, targetInput } from "@/lib/targets/url";

// Target databases are managed by admins only (PRODUCT.md). The URL is sealed before it is
// stored, and audit events (which everyone may read) carry it masked: never its password.

const duplicateName = () =>
  new AppError("INVALID", "Some fields need attention.", { name: ["A target database with this name already exists; choose another name."] });
const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === "P2002";

export const addTarget: ActionConfig<typeof targetInput, { id: string }> = {
  name: "target.add",
  input: targetInput,
  permission: "admin",
  async run({ tx, input, user, audit }) {
    if (await tx.targetDatabase.findUnique({ where: { name: input.name }, select: { id: true } })) throw duplicateName();
    const target = await tx.targetDatabase
      .create({ data: { name: input.name, sealedUrl: seal(input.url), createdById: user.id }, select: { id: true } })
      // Two admins adding the same name at once: the unique index decides, with the same words.
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? duplicateName() : error;
      });
    await audit({ action: "target.added", after: { targetId: target.id, name: input.name, url: maskedUrl(input.url) } });
    return { id: target.id };
  },
  revalidate: () => ["/settings/target-databases"],
};

const targetId = z.object({ targetId: z.uuid() });

export const removeTarget: ActionConfig<typeof targetId, { id: string }> = {
  name: "target.remove",
  input: targetId,
  permission: "admin",
  async run({ tx, input, audit }) {
    const target = await tx.targetDatabase.findUnique({ where: { id: input.targetId }, select: { id: true, name: true } });
    if (!target) throw new AppError("NOT_FOUND", "That target database does not exist; it may have been removed already.");
    // A release still names it: removing it would leave that release watching nothing.
    const users = await tx.release.findMany({ where: { targetDatabaseId: target.id }, select: { title: true }, orderBy: { createdAt: "asc" }, take: 3 });
    if (users.length) {
      const names = users.map((r) => `“${r.title}”`).join(", ");
      throw new AppError("CONFLICT", `${target.name} is the target database of ${names}; choose another target on those plans first. Nothing was removed.`);
    }
    const { count } = await tx.targetDatabase.deleteMany({ where: { id: target.id } });
    if (count === 0) throw new AppError("NOT_FOUND", "That target database was removed a moment ago.");
    await audit({ action: "target.removed", before: { targetId: target.id, name: target.name } });
    return { id: target.id };
  },
  revalidate: () => ["/settings/target-databases"],
};

// An action, not a read: it reaches out to another system on the admin's behalf (who tested what
// and when belongs in the trail) and stores the answer on the target for the page to show. The
// check runs in `prepare`, after the permission check and before the transaction, so no
// transaction is held open while a remote server takes its 3 seconds.
export const testTarget: ActionConfig<typeof targetId, TargetCheck, TargetCheck & { name: string }> = {
  name: "target.test",
  input: targetId,
  permission: "admin",
  async prepare(input) {
    const target = await getDb().targetDatabase.findUnique({ where: { id: input.targetId }, select: { name: true, sealedUrl: true } });
    if (!target) throw new AppError("NOT_FOUND", "That target database does not exist; it may have been removed.");
    let url: string;
    try {
      url = unseal(target.sealedUrl);
    } catch (error) {
      return { name: target.name, ok: false, message: `The stored URL cannot be opened: ${(error as Error).message}. Remove the target and add it again.` };
    }
    return { name: target.name, ...(await checkTarget(url)) };
  },
  async run({ tx, input, prepared, audit }) {
    const { name, ...check } = prepared;
    const { count } = await tx.targetDatabase.updateMany({
      where: { id: input.targetId },
      data: { lastTestOk: check.ok, lastTestMessage: check.message, lastTestedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "That target database was removed while it was being tested.");
    await audit({ action: "target.tested", after: { targetId: input.targetId, name, ok: check.ok, message: check.message } });
    return check;
  },
  revalidate: () => ["/settings/target-databases"],
};
