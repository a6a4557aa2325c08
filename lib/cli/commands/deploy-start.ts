import type { StageName } from "@/lib/api/v1/schemas";
import { askOnce, type Target } from "@/lib/cli/client";
import { complain, finish, type Io } from "@/lib/cli/io";
import type { ExitCode } from "@/lib/cli/exit-codes";
import { STAGE_TITLE } from "@/lib/cli/stages";

// The cockpit's Start deploy from a pipeline: a ready release only; a draft is exit 1 with the reason.
export async function deployStart(io: Io, target: Target, release: string, json: boolean): Promise<ExitCode> {
  const answer = await askOnce(target, {
    method: "POST",
    path: `api/v1/releases/${encodeURIComponent(release)}/deploy/start`,
    body: {},
    onRetry: (message) => complain(io, message),
  });
  return finish(io, answer, json, "other", (started: { stage: StageName }) => `The deploy has started; ${STAGE_TITLE[started.stage]} is active.`);
}
