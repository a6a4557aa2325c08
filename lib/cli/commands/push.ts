import { askOnce, type Target } from "@/lib/cli/client";
import { complain, finish, type Io } from "@/lib/cli/io";
import type { ExitCode } from "@/lib/cli/exit-codes";
import type { Sample } from "@/lib/cli/samples";

// The samples carry no `at`: the server stamps them on arrival, which is what a CI step reporting
// what it sees now means.
export async function push(io: Io, target: Target, release: string, samples: Sample[], json: boolean): Promise<ExitCode> {
  const answer = await askOnce(target, {
    method: "POST",
    path: `api/v1/releases/${encodeURIComponent(release)}/signals`,
    body: { samples },
    onRetry: (message) => complain(io, message),
  });
  return finish(io, answer, json, "other", ({ accepted }: { accepted: number }) => `Accepted ${accepted} sample${accepted === 1 ? "" : "s"}.`);
}
