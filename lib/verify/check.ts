import "server-only";
import type { StageKind } from "@/lib/generated/prisma/enums";
import { SqlSyntaxError } from "@/lib/lint/parse-sql";
import type { TargetRef } from "@/lib/targets/pool";
import { targetProblem } from "@/lib/targets/problem";
import { readCatalog } from "@/lib/verify/catalog";
import { expectedObjects } from "@/lib/verify/expected";
import { failingMessage, judge, verifiedMessage, type CheckedObject, type SchemaCheck } from "@/lib/verify/schema-check";

// Does the target's catalog show what the stage's SQL says it does? One read of the target
// (lib/verify/catalog.ts). Never throws for a target that does not answer: that is an answer
// ("Could not check …"), and never a pass.

export interface CheckTarget extends TargetRef {
  name: string;
}

export interface CheckedStage {
  kind: StageKind;
  sql: string;
}

function unchecked(database: string, at: Date, why: string): SchemaCheck {
  return { ok: false, state: "unchecked", checkedAt: at.toISOString(), database, message: `Could not check ${database}: ${why}`, objects: [] };
}

const whyNoAnswer = (target: CheckTarget, error: unknown) => targetProblem(target, error);

/**
 * The stage's schema check against the target, or null when its SQL claims nothing about the
 * catalog (Migrate, or SQL that adds and drops nothing): such a stage has no check to pass.
 */
export async function checkStageSchema(target: CheckTarget, stage: CheckedStage, now = new Date()): Promise<SchemaCheck | null> {
  let expectations;
  try {
    expectations = expectedObjects(stage.kind, stage.sql);
  } catch (error) {
    if (error instanceof SqlSyntaxError) return unchecked(target.name, now, `the stage's SQL does not parse (${error.message}).`);
    throw error;
  }
  if (expectations.length === 0) return null;
  let facts;
  try {
    facts = await readCatalog(target, expectations);
  } catch (error) {
    return unchecked(target.name, now, whyNoAnswer(target, error));
  }
  const objects: CheckedObject[] = expectations.map((e, i) => ({ kind: e.kind, want: e.want, label: e.label, found: judge(e, facts[i]!) }));
  const ok = objects.every((o) => o.found === "ok");
  return {
    ok,
    state: ok ? "verified" : "failing",
    checkedAt: now.toISOString(),
    database: target.name,
    message: ok ? verifiedMessage(target.name, now, objects) : failingMessage(objects),
    objects,
  };
}
