import { z } from "@/lib/input/zod";
import { releaseTarget, type ActionConfig } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { regressionKey } from "@/lib/signals/sources/demo/generator";

const schema = z.object({ releaseId: z.uuid(), on: z.boolean() });

// Injects (or clears) a regression in a demo release's generated signals. Operators and up, as
// for any plan change; refused on real releases.
export const setDemoRegression: ActionConfig<typeof schema, { on: boolean }> = {
  name: "demo.regression",
  input: schema,
  permission: "plan.edit",
  target: releaseTarget,
  async run({ tx, input, audit }) {
    const release = await tx.release.findUnique({ where: { id: input.releaseId }, select: { isDemo: true } });
    if (!release?.isDemo) throw new AppError("CONFLICT", "Only demo releases have generated signals.");
    const key = regressionKey(input.releaseId);
    if (input.on) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: { since: new Date().toISOString() } },
        update: { value: { since: new Date().toISOString() } },
      });
    } else {
      await tx.setting.deleteMany({ where: { key } });
    }
    await audit({ action: input.on ? "demo.regression_injected" : "demo.regression_cleared", releaseId: input.releaseId, after: { on: input.on } });
    return { on: input.on };
  },
  revalidate: (input) => [`/releases/${input.releaseId}/cockpit`],
};
