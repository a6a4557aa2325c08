import type { ActionConfig } from "@/lib/action";
import * as auditCommands from "@/lib/audit/commands";
import * as flagCommands from "@/lib/flags/commands";
import * as webhookCommands from "@/lib/notify/commands";
import * as checklist from "@/lib/releases/commands/checklist";
import * as create from "@/lib/releases/commands/create-release";
import * as criteria from "@/lib/releases/commands/criteria";
import * as deploy from "@/lib/releases/commands/deploy";
import * as drills from "@/lib/releases/commands/drills";
import * as lifecycle from "@/lib/releases/commands/lifecycle";
import * as details from "@/lib/releases/commands/release-details";
import * as runbook from "@/lib/releases/commands/runbook";
import * as stage from "@/lib/releases/commands/stage";
import * as demo from "@/lib/signals/demo-commands";
import * as tokenCommands from "@/lib/tokens/commands";
import * as userCommands from "@/lib/users/commands";
import * as incidentCommands from "@/lib/incidents/commands";
import * as profileCommands from "@/lib/users/profile";
import * as notes from "@/lib/releases/commands/notes";
import * as review from "@/lib/releases/commands/review";

// Every mutating action of the app, discovered from the command modules, for the tests that must
// cover all of them (audit coverage, the permission matrix, the property tests). A new command
// module goes in this list; a new action in an existing module is found by itself.

export type AnyAction = ActionConfig<never, unknown>;

const modules = [auditCommands, flagCommands, webhookCommands, checklist, create, criteria, deploy, drills, lifecycle, details, runbook, stage, demo, tokenCommands, userCommands, incidentCommands, profileCommands, notes, review];

export const ALL_ACTIONS: AnyAction[] = modules
  .flatMap((m) => Object.values(m))
  .filter((v): v is AnyAction => typeof v === "object" && v !== null && "run" in v && "permission" in v);
