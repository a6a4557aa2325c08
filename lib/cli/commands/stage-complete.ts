import type { StageName } from "@/lib/api/v1/schemas";
import { askOnce, type Target } from "@/lib/cli/client";
import { complain, finish, type Io } from "@/lib/cli/io";
import type { ExitCode } from "@/lib/cli/exit-codes";
import { STAGE_TITLE } from "@/lib/cli/stages";

interface Completed {
  stage: StageName;
  next: StageName | null;
  status: string;
}

// Same rules as the button (checklist ticked, schema verified); a refusal is exit 1 with the reason.
export async function stageComplete(io: Io, target: Target, release: string, stage: StageName, json: boolean): Promise<ExitCode> {
  const answer = await askOnce(target, {
    method: "POST",
    path: `api/v1/releases/${encodeURIComponent(release)}/stages/${stage}/complete`,
    body: {},
    onRetry: (message) => complain(io, message),
  });
  return finish(io, answer, json, "other", (done: Completed) =>
    done.next ? `${STAGE_TITLE[done.stage]} is done; ${STAGE_TITLE[done.next]} is now active.` : `${STAGE_TITLE[done.stage]} is done; the release is complete.`,
  );
}
