import { setTimeout as sleep } from "node:timers/promises";
import type { GateClosed, GatePass, GateWaiting, StageName } from "@/lib/api/v1/schemas";
import { ask, type Answer, type Target } from "@/lib/cli/client";
import { formatDuration } from "@/lib/cli/duration";
import { EXIT, exitCodeFor, type ExitCode } from "@/lib/cli/exit-codes";
import { complain, line, refusal, type Io } from "@/lib/cli/io";
import { STAGE_TITLE } from "@/lib/cli/stages";

// Node's fetch gives up on a response whose headers take longer than 300 s, and the gate sends its
// headers only with its answer: so one request waits at most this long, and the CLI asks again
// until its own deadline (the server would allow 900 s).
export const MAX_WAIT_PER_REQUEST_S = 240;
// Even `--wait 0` rides out a short outage before it reports "could not ask".
const MIN_PATIENCE_MS = 30_000;
// A 202 sooner than asked (a restarting server) must not turn the loop into a busy poll.
const MIN_ROUND_MS = 1000;

// Seconds to ask the server to wait in the next request, given the time left before the deadline.
export const requestWait = (remainingMs: number) => Math.min(MAX_WAIT_PER_REQUEST_S, Math.max(0, Math.ceil(remainingMs / 1000)));

export async function gate(io: Io, target: Target, release: string, stage: StageName, waitSeconds: number, json: boolean): Promise<ExitCode> {
  const started = Date.now();
  const deadline = started + waitSeconds * 1000;
  const retryUntil = Math.max(deadline, started + MIN_PATIENCE_MS);
  let told = "";
  for (;;) {
    const round = Date.now();
    const wait = requestWait(deadline - round);
    const answer = await ask(target, {
      method: "GET",
      path: `api/v1/releases/${encodeURIComponent(release)}/gate?stage=${stage}&wait=${wait}`,
      retryUntil,
      timeoutMs: (wait + 30) * 1000,
      onRetry: (message) => complain(io, message),
    });
    if (answer.status !== 202 || Date.now() >= deadline) return report(io, answer, stage, waitSeconds, json);
    // Still waiting with time left: say what for when it changes, then ask again.
    const waitingFor = waitingForOf(answer).join("; ");
    if (waitingFor !== told) complain(io, `Waiting at the ${STAGE_TITLE[stage]} gate for: ${(told = waitingFor)}`);
    const spent = Date.now() - round;
    if (spent < MIN_ROUND_MS) await sleep(Math.min(MIN_ROUND_MS - spent, Math.max(0, deadline - Date.now())));
  }
}

function report(io: Io, answer: Answer, stage: StageName, waitSeconds: number, json: boolean): ExitCode {
  const code = exitCodeFor(answer.status, "gate");
  if (json) line(io, JSON.stringify(answer.body, null, 2));
  const title = STAGE_TITLE[stage];
  if (code === EXIT.OK) {
    if (!json) line(io, `GO: ${title} may be deployed now (passed at ${(answer.body as GatePass).at}).`);
  } else if (code === EXIT.STOP && isClosed(answer.body)) {
    complain(io, `STOP at the ${title} gate (release ${answer.body.status}): ${answer.body.reason}`);
  } else if (code === EXIT.WAITING) {
    complain(io, `Still waiting at the ${title} gate after ${formatDuration(waitSeconds)} for: ${waitingForOf(answer).join("; ")}`);
  } else {
    complain(io, refusal(answer));
  }
  return code;
}

const isClosed = (body: unknown): body is GateClosed => typeof (body as GateClosed | null)?.reason === "string";

function waitingForOf(answer: Answer): string[] {
  const list = (answer.body as GateWaiting | null)?.waitingFor;
  return Array.isArray(list) && list.length ? list : ["(the server did not say)"];
}
