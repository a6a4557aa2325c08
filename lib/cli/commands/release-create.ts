import type { ReleaseSummary } from "@/lib/api/v1/schemas";
import { askOnce, type Target } from "@/lib/cli/client";
import { complain, finish, type Io } from "@/lib/cli/io";
import type { ExitCode } from "@/lib/cli/exit-codes";

export const CLI_STYLES = { rolling: "ROLLING", "blue-green": "BLUE_GREEN", canary: "CANARY" } as const;
export type CliStyle = keyof typeof CLI_STYLES;

export interface NewRelease {
  title: string;
  from: string;
  // Absent: a copy keeps its source's style, the template is rolling.
  style?: CliStyle;
}

// Needs a service-wide token with the deploy scope. Plain output is the new id alone, so a job can
// keep it: RELEASE=$(switchback release create --title …).
export async function releaseCreate(io: Io, target: Target, release: NewRelease, json: boolean): Promise<ExitCode> {
  const answer = await askOnce(target, {
    method: "POST",
    path: "api/v1/releases",
    body: { title: release.title, from: release.from, ...(release.style ? { deployStyle: CLI_STYLES[release.style] } : {}) },
    onRetry: (message) => complain(io, message),
  });
  return finish(io, answer, json, "other", (created: ReleaseSummary) => created.id);
}
