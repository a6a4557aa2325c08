import type { Tx } from "@/lib/db";
import { STYLE_CHECKLIST, type DeployStyleName, type StageKindName } from "@/lib/releases/template";

// When a plan's deploy style changes, its checklists follow: the new style's items that are
// missing are added, and the old style's items nobody has touched are removed. An item someone
// ticked or reworded is theirs now, so it stays. The caller records both lists in its audit event.

export interface StyleItemChange {
  stage: StageKindName;
  itemId: string;
  text: string;
}

export async function swapStyleChecklist(tx: Tx, releaseId: string, from: DeployStyleName, to: DeployStyleName) {
  const stages = await tx.stage.findMany({
    where: { releaseId },
    orderBy: { position: "asc" },
    select: { id: true, kind: true, checklistItems: { orderBy: { position: "asc" }, select: { id: true, text: true, done: true, position: true } } },
  });
  const added: StyleItemChange[] = [];
  const removed: StyleItemChange[] = [];
  for (const stage of stages) {
    const wanted = STYLE_CHECKLIST[to][stage.kind];
    const stale = new Set(STYLE_CHECKLIST[from][stage.kind].map((item) => item.text).filter((text) => !wanted.some((item) => item.text === text)));
    const untouched = stage.checklistItems.filter((item) => !item.done && stale.has(item.text));
    if (untouched.length) await tx.checklistItem.deleteMany({ where: { id: { in: untouched.map((item) => item.id) } } });
    removed.push(...untouched.map(({ id, text }) => ({ stage: stage.kind, itemId: id, text })));

    let position = Math.max(-1, ...stage.checklistItems.map((item) => item.position));
    for (const item of wanted.filter((w) => !stage.checklistItems.some((existing) => existing.text === w.text))) {
      const row = await tx.checklistItem.create({
        data: { stageId: stage.id, text: item.text, isProof: item.isProof ?? false, position: ++position },
        select: { id: true },
      });
      added.push({ stage: stage.kind, itemId: row.id, text: item.text });
    }
  }
  return { added, removed };
}
