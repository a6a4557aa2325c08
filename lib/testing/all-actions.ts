import type { ActionConfig } from "@/lib/action";

// Every mutating action of the app, discovered from the command modules (any `*commands*.ts` or
// `commands/*.ts` under lib/), for the tests that must cover all of them (audit coverage, the
// permission matrix, the property tests). A new action, or a new command module named so, is
// found by itself; the module count below catches a glob that silently stopped matching.

export type AnyAction = ActionConfig<never, unknown>;

const modules = import.meta.glob<Record<string, unknown>>(["/lib/**/*commands*.ts", "/lib/**/commands/*.ts", "!/lib/**/*.test.ts"], { eager: true });

export const COMMAND_MODULES = Object.keys(modules).sort();

export const ALL_ACTIONS: AnyAction[] = Object.values(modules)
  .flatMap((m) => Object.values(m))
  .filter((v): v is AnyAction => typeof v === "object" && v !== null && "run" in v && "permission" in v);
