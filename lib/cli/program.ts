import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { STAGE_NAMES, type StageName } from "@/lib/api/v1/schemas";
import { CliError, type Target } from "@/lib/cli/client";
import { deployStart } from "@/lib/cli/commands/deploy-start";
import { gate } from "@/lib/cli/commands/gate";
import { push } from "@/lib/cli/commands/push";
import { CLI_STYLES, releaseCreate, type NewRelease } from "@/lib/cli/commands/release-create";
import { stageComplete } from "@/lib/cli/commands/stage-complete";
import { status } from "@/lib/cli/commands/status";
import { parseDuration } from "@/lib/cli/duration";
import { EXIT, EXIT_CODES_HELP, type ExitCode } from "@/lib/cli/exit-codes";
import { complain, type Io } from "@/lib/cli/io";
import { parseSamples, type Sample } from "@/lib/cli/samples";

// `switchback …`: the arguments and options, and nothing else; each command's work is in commands/.
// The commands are passed in so the argument parsing can be tested without a server.

export interface Call {
  target: Target;
  json: boolean;
}

export interface Commands {
  status(call: Call, release: string): Promise<ExitCode>;
  gate(call: Call, release: string, stage: StageName, waitSeconds: number): Promise<ExitCode>;
  push(call: Call, release: string, samples: Sample[]): Promise<ExitCode>;
  stageComplete(call: Call, release: string, stage: StageName): Promise<ExitCode>;
  deployStart(call: Call, release: string): Promise<ExitCode>;
  releaseCreate(call: Call, release: NewRelease): Promise<ExitCode>;
}

export const realCommands = (io: Io): Commands => ({
  status: (call, release) => status(io, call.target, release, call.json),
  gate: (call, release, stage, wait) => gate(io, call.target, release, stage, wait, call.json),
  push: (call, release, samples) => push(io, call.target, release, samples, call.json),
  stageComplete: (call, release, stage) => stageComplete(io, call.target, release, stage, call.json),
  deployStart: (call, release) => deployStart(io, call.target, release, call.json),
  releaseCreate: (call, release) => releaseCreate(io, call.target, release, call.json),
});

const CONFIGURATION_HELP = `Configuration:
  SWITCHBACK_URL    Switchback's address, e.g. https://switchback.example.com (--url overrides)
  SWITCHBACK_TOKEN  a pipeline token (sbc_…) with the scopes the command needs (--token overrides):
                    status: read · gate: gate · push: push · stage complete, deploy start: deploy
                    release create: deploy, on a service-wide token`;

// Commander's own errors (unknown option, missing argument) become exit 4 like any refused call.
const usage = (parse: (value: string) => unknown) => (value: string) => {
  try {
    return parse(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
};

// A mistake found in an action's arguments: exit 4 with the message, before anything is sent.
function refuseUnless<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(EXIT.REFUSED, error instanceof Error ? error.message : String(error));
  }
}

export async function run(argv: readonly string[], io: Io, commands: Commands = realCommands(io)): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  const program = new Command("switchback")
    .description(
      "Ask Switchback about a release from a pipeline: create it, start its deploy, read it, wait at a stage's gate, push signal samples, complete a stage.",
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run switchback --help for usage and exit codes)")
    .addOption(new Option("--url <url>", "Switchback's address").env("SWITCHBACK_URL"))
    .addOption(new Option("--token <token>", "a pipeline token (sbc_…)").env("SWITCHBACK_TOKEN"))
    .option("--json", "print Switchback's JSON answer on stdout (for scripts)")
    .addHelpText("after", `\n${CONFIGURATION_HELP}\n\n${EXIT_CODES_HELP}\n`);

  const call = (command: Command): Call => {
    const { url, token, json = false } = command.optsWithGlobals<{ url?: string; token?: string; json?: boolean }>();
    if (!url) throw new CliError(EXIT.REFUSED, "Set SWITCHBACK_URL (or pass --url) to Switchback's address.");
    if (!token) throw new CliError(EXIT.REFUSED, "Set SWITCHBACK_TOKEN (or pass --token) to a pipeline token.");
    return { target: { url, token }, json };
  };

  program
    .command("status")
    .description("the release: status, stages, latest decision, recommendation with each criterion, flag")
    .argument("<release>", "the release's id")
    .action(async (release: string, _options, command: Command) => {
      code = await commands.status(call(command), release);
    });

  program
    .command("gate")
    .description("wait until the stage may be deployed: exit 0 on GO, 1 on STOP, 2 when --wait runs out")
    .argument("<release>", "the release's id")
    .addOption(new Option("--stage <stage>", "the stage about to be deployed").choices(STAGE_NAMES).makeOptionMandatory())
    .option("--wait <duration>", "how long to wait for GO: 900, 90s, 15m, 1h", usage(parseDuration), 0)
    .action(async (release: string, options: { stage: StageName; wait: number }, command: Command) => {
      code = await commands.gate(call(command), release, options.stage, options.wait);
    });

  program
    .command("push")
    .description("push signal samples, e.g. switchback push <release> error_rate=0.7 p95_ms=420")
    .argument("<release>", "the release's id")
    .argument("<samples...>", "signal=value pairs (numbers)")
    .action(async (release: string, pairs: string[], _options, command: Command) => {
      code = await commands.push(
        call(command),
        release,
        refuseUnless(() => parseSamples(pairs)),
      );
    });

  program
    .command("stage")
    .description("stage commands")
    .command("complete")
    .description("mark a stage complete after the pipeline applied it (same rules as the button)")
    .argument("<release>", "the release's id")
    .addArgument(new Argument("<stage>", "the stage").choices(STAGE_NAMES))
    .action(async (release: string, stage: StageName, _options, command: Command) => {
      code = await commands.stageComplete(call(command), release, stage);
    });

  program
    .command("deploy")
    .description("deploy commands")
    .command("start")
    .description("start the deploy of a ready release (the cockpit's Start deploy); Expand becomes active")
    .argument("<release>", "the release's id")
    .action(async (release: string, _options, command: Command) => {
      code = await commands.deployStart(call(command), release);
    });

  program
    .command("release")
    .description("release commands")
    .command("create")
    .description("create a release of the token's service and print its id (--json: the release)")
    .requiredOption("--title <title>", "the release's title")
    .option("--from <from>", "template, latest (a copy of the service's newest release) or the id of a release to copy", "template")
    .addOption(new Option("--style <style>", "the deploy style (default: a copy keeps its source's, the template is rolling)").choices(Object.keys(CLI_STYLES)))
    .action(async (options: NewRelease, command: Command) => {
      code = await commands.releaseCreate(call(command), { title: options.title, from: options.from, ...(options.style ? { style: options.style } : {}) });
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.REFUSED;
    if (error instanceof CliError) {
      complain(io, error.message);
      return error.exitCode;
    }
    throw error;
  }
}
