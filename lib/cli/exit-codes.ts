// The CLI's exit codes: a pipeline branches on these, so they are part of the contract (listed in
// `switchback --help` and the README).
export const EXIT = {
  OK: 0,
  // The release says no: the gate is closed (stopped, rolled back, paused, …) or it refused the change (409).
  STOP: 1,
  // `gate --wait` ran out while the gate still waited (202).
  WAITING: 2,
  // Switchback could not be asked: network errors, 5xx or 503 until the deadline.
  UNREACHABLE: 3,
  // The call itself was refused: bad arguments, 400/413, 401, 403, 404. Retrying will not help.
  REFUSED: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  done; for gate: GO, the stage may be deployed
  1  the release says no: gate closed (stopped, rolled back, paused for a human, …) or the change was refused (409); reason on stderr
  2  gate: --wait ran out while the gate still waits; what it waits for is on stderr
  3  could not ask Switchback (network error, 5xx, 503) within the deadline
  4  the request was refused: bad arguments, 400, 401, 403, 404, 413; the message is on stderr`;

// What an HTTP answer from Switchback means for the exit code. 202 is only a "still waiting" for
// the gate; the push route answers 202 when it accepted the batch.
export function exitCodeFor(status: number, command: "gate" | "other"): ExitCode {
  if (status === 202) return command === "gate" ? EXIT.WAITING : EXIT.OK;
  if (status >= 200 && status < 300) return EXIT.OK;
  if (status === 409) return EXIT.STOP;
  if (status >= 500) return EXIT.UNREACHABLE;
  return EXIT.REFUSED;
}
