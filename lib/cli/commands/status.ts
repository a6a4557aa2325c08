import type { ReleaseDetail } from "@/lib/api/v1/schemas";
import { askOnce, type Target } from "@/lib/cli/client";
import { formatStatus } from "@/lib/cli/format-status";
import { complain, finish, type Io } from "@/lib/cli/io";
import type { ExitCode } from "@/lib/cli/exit-codes";

export async function status(io: Io, target: Target, release: string, json: boolean): Promise<ExitCode> {
  const answer = await askOnce(target, { method: "GET", path: `api/v1/releases/${encodeURIComponent(release)}`, onRetry: (message) => complain(io, message) });
  return finish(io, answer, json, "other", (body: ReleaseDetail) => formatStatus(body));
}
