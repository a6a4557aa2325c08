import { messageOf, type Answer } from "@/lib/cli/client";
import { exitCodeFor, type ExitCode } from "@/lib/cli/exit-codes";

// Where the CLI writes: answers on stdout, everything for people about failures on stderr, so a
// script can pipe `--json` output while the job log still explains what happened.
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

export const line = (io: Io, text: string) => io.stdout(`${text}\n`);
export const complain = (io: Io, text: string) => io.stderr(`${text}\n`);

// What every command does with a final answer: `--json` gets the server's JSON as it came, and a
// refusal is explained on stderr with the server's own message (and which field it means).
export function finish(io: Io, answer: Answer, json: boolean, command: "gate" | "other", render: (body: never) => string): ExitCode {
  const code = exitCodeFor(answer.status, command);
  if (json) line(io, JSON.stringify(answer.body, null, 2));
  if (code === 0) {
    if (!json) line(io, render(answer.body as never));
    return code;
  }
  complain(io, refusal(answer));
  return code;
}

export function refusal(answer: Answer): string {
  const message = messageOf(answer.body) ?? `Switchback answered ${answer.status}.`;
  const fields = (answer.body as { error?: { fieldErrors?: Record<string, string[]> } } | null)?.error?.fieldErrors;
  const details = Object.entries(fields ?? {}).map(([field, problems]) => `  ${field}: ${problems.join("; ")}`);
  return [`Error (${answer.status}): ${message}`, ...details].join("\n");
}
