import { runAction, type ActionConfig, type ActionResult } from "@/lib/action";
import type { z } from "@/lib/input/zod";
import type { Db } from "@/lib/db";
import type { CurrentUser } from "@/lib/permissions";
import { completeStage, startDeploy } from "@/lib/releases/commands/deploy";
import { tickChecklistItem } from "@/lib/releases/commands/checklist";
import { approveFlagOn, turnFlagOn } from "@/lib/flags/commands";
import { STAGE_LABEL } from "@/lib/releases/template";
import { createToken, revokeToken } from "@/lib/tokens/commands";

// The demo deploy's side in Switchback: what its pipeline would do through the app, as the people
// the plan names, each through the real action path (permission, transaction, audit event, live
// update of every open cockpit).

export type DemoRelease = NonNullable<Awaited<ReturnType<typeof findDemoRelease>>>;
type StageKind = DemoRelease["stages"][number]["kind"];

export class StepRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StepRefused";
  }
}

const person = { select: { id: true, email: true, name: true, role: true } } as const;

export function findDemoRelease(db: Db) {
  return db.release.findFirst({
    where: { isDemo: true },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      title: true,
      status: true,
      flagKey: true,
      flagEnvironment: true,
      targetDatabase: { select: { name: true } },
      decisionOwner: person,
      backupOwner: person,
      createdBy: person,
      signals: { select: { key: true, source: true } },
      stages: {
        orderBy: { position: "asc" },
        select: { id: true, kind: true, status: true, owner: person, checklistItems: { where: { done: false, computedProof: null }, select: { id: true } } },
      },
    },
  });
}

async function act<S extends z.ZodType, T, P>(user: CurrentUser, config: ActionConfig<S, T, P>, input: z.input<S>): Promise<ActionResult<T>> {
  return runAction(config, input, { currentUser: async () => user, revalidate: () => undefined });
}

function must<T>(result: ActionResult<T>, what: string): T {
  if (!result.ok) throw new StepRefused(`${what} was refused: ${result.error.message}`);
  return result.data;
}

export const stageOf = (release: DemoRelease, kind: StageKind) => release.stages.find((s) => s.kind === kind)!;
const deciderOf = (release: DemoRelease): CurrentUser => release.decisionOwner ?? release.backupOwner!;

export async function startTheDeploy(release: DemoRelease): Promise<string> {
  const owner = deciderOf(release);
  must(await act(owner, startDeploy, { releaseId: release.id }), "Starting the deploy");
  return owner.name;
}

// The stage's owner ticks what is left of its checklist and marks it complete. Completing may be
// refused for a moment after the SQL ran (the schema check has not seen it yet): try for a while.
export async function completeTheStage(release: DemoRelease, kind: StageKind, sleep: (ms: number) => Promise<void>): Promise<{ by: string; ticked: number }> {
  const stage = stageOf(release, kind);
  const owner = stage.owner ?? deciderOf(release);
  for (const item of stage.checklistItems) {
    must(await act(owner, tickChecklistItem, { releaseId: release.id, itemId: item.id, done: true }), `Ticking a ${STAGE_LABEL[kind]} checklist item`);
  }
  let result: ActionResult<unknown> = await act(owner, completeStage, { releaseId: release.id, stageId: stage.id });
  for (let attempt = 0; !result.ok && result.error.code === "CONFLICT" && attempt < 20; attempt++) {
    await sleep(1000);
    result = await act(owner, completeStage, { releaseId: release.id, stageId: stage.id });
  }
  must(result, `Completing ${STAGE_LABEL[kind]}`);
  return { by: owner.name, ticked: stage.checklistItems.length };
}

// Reads switch: the decision owner turns the flag on; with four eyes, the backup approves.
export async function switchReads(release: DemoRelease, reason: string): Promise<string> {
  const owner = deciderOf(release);
  const flipped = must(await act(owner, turnFlagOn, { releaseId: release.id, expected: false, reason }), "Turning the flag on");
  if (!flipped.pendingApproval || !release.backupOwner) return owner.name;
  const { requestId } = flipped.pendingApproval;
  must(await act(release.backupOwner, approveFlagOn, { releaseId: release.id, requestId, note: "Demo deploy" }), "Approving the flag-on request");
  return `${owner.name}, approved by ${release.backupOwner.name}`;
}

export async function flagIsOn(db: Db, release: DemoRelease): Promise<boolean> {
  const flag = await db.flag.findUnique({
    where: { key_environment: { key: release.flagKey, environment: release.flagEnvironment } },
    select: { enabled: true },
  });
  return flag?.enabled ?? false;
}

// Stopped by a person or paused by auto-stop: reads do not switch until the deploy resumes. (The
// backfill itself follows only its own switch: lib/demo/backfill-loop.ts says why.)
export async function releaseIsHeld(db: Db, releaseId: string): Promise<boolean> {
  const { status } = await db.release.findUniqueOrThrow({ where: { id: releaseId }, select: { status: true } });
  return status === "STOPPED" || status === "PAUSED";
}

export interface BackfillTokens {
  readToken: string;
  pushToken: string;
  revoke(): Promise<void>;
}

// The backfill job's two tokens, made as a team would: by an admin under Settings → API tokens
// (the same audited action), scoped to the release, for the shortest term. The job holds them
// only for its run and they are revoked when it ends; a run killed before that leaves two tokens
// that expire within a week, listed under Settings → API tokens with their names.
export async function backfillTokens(db: Db, release: DemoRelease): Promise<BackfillTokens> {
  const admin =
    release.createdBy?.role === "ADMIN"
      ? release.createdBy
      : await db.user.findFirst({ where: { role: "ADMIN", disabledAt: null }, orderBy: { createdAt: "asc" }, select: person.select });
  if (!admin) throw new StepRefused("The demo backfill needs an admin to make its API tokens, and this install has none.");
  const make = async (kind: "FLAG_READ" | "SIGNAL_PUSH", name: string) =>
    must(await act(admin, createToken, { name, kind, releaseId: release.id, expiresInDays: 7 }), `Creating the ${name} token`);
  const read = await make("FLAG_READ", "demo backfill (reads its switch)");
  const push = await make("SIGNAL_PUSH", "demo backfill (pushes progress)");
  return {
    readToken: read.secret,
    pushToken: push.secret,
    async revoke() {
      for (const token of [read, push]) must(await act(admin, revokeToken, { tokenId: token.id }), "Revoking a demo backfill token");
    },
  };
}
