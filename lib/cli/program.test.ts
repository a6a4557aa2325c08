import { describe, expect, it } from "vitest";
import type { StageName } from "@/lib/api/v1/schemas";
import type { Io } from "@/lib/cli/io";
import type { NewRelease } from "@/lib/cli/commands/release-create";
import { run, type Call, type Commands } from "@/lib/cli/program";
import type { Sample } from "@/lib/cli/samples";

// The argument layer alone: what each command line asks the commands to do, or why it is refused.
// The commands themselves run against a real Switchback in e2e/cli.spec.ts.

const RELEASE = "0b6f7f5e-1111-4222-8333-944455556666";
const env = ["--url", "https://switchback.example.com", "--token", "sbc_secret"];

async function parse(argv: string[]) {
  const calls: unknown[][] = [];
  const output = { stdout: "", stderr: "" };
  const io: Io = { stdout: (text) => void (output.stdout += text), stderr: (text) => void (output.stderr += text) };
  const record =
    (name: string) =>
    async (call: Call, ...args: unknown[]) => {
      calls.push([name, call, ...args]);
      return 0 as const;
    };
  const commands: Commands = {
    status: record("status"),
    gate: record("gate") as (call: Call, release: string, stage: StageName, wait: number) => Promise<0>,
    push: record("push") as (call: Call, release: string, samples: Sample[]) => Promise<0>,
    stageComplete: record("stageComplete") as (call: Call, release: string, stage: StageName) => Promise<0>,
    deployStart: record("deployStart"),
    releaseCreate: record("releaseCreate") as (call: Call, release: NewRelease) => Promise<0>,
  };
  const code = await run(argv, io, commands);
  return { code, calls, ...output };
}

const target = { url: "https://switchback.example.com", token: "sbc_secret" };

describe("switchback's command line", () => {
  it("reads the gate's stage and wait, and --json before or after the command", async () => {
    expect((await parse([...env, "gate", RELEASE, "--stage", "migrate", "--wait", "15m"])).calls).toEqual([
      ["gate", { target, json: false }, RELEASE, "migrate", 900],
    ]);
    expect((await parse(["--json", ...env, "gate", RELEASE, "--stage", "contract"])).calls).toEqual([["gate", { target, json: true }, RELEASE, "contract", 0]]);
    expect((await parse([...env, "status", RELEASE, "--json"])).calls).toEqual([["status", { target, json: true }, RELEASE]]);
  });

  it("turns signal=value pairs into samples", async () => {
    const { calls } = await parse([...env, "push", RELEASE, "error_rate=0.7", "p95_ms=4.2e2", "lag=-1"]);
    expect(calls).toEqual([
      [
        "push",
        { target, json: false },
        RELEASE,
        [
          { signal: "error_rate", value: 0.7 },
          { signal: "p95_ms", value: 420 },
          { signal: "lag", value: -1 },
        ],
      ],
    ]);
  });

  it("reads stage complete's release and stage", async () => {
    expect((await parse([...env, "stage", "complete", RELEASE, "expand"])).calls).toEqual([["stageComplete", { target, json: false }, RELEASE, "expand"]]);
  });

  it("reads deploy start's release, and release create's title, source and style", async () => {
    expect((await parse([...env, "deploy", "start", RELEASE])).calls).toEqual([["deployStart", { target, json: false }, RELEASE]]);
    expect((await parse([...env, "release", "create", "--title", "Orders: add note"])).calls).toEqual([
      ["releaseCreate", { target, json: false }, { title: "Orders: add note", from: "template" }],
    ]);
    expect((await parse([...env, "--json", "release", "create", "--title", "Again", "--from", "latest", "--style", "blue-green"])).calls).toEqual([
      ["releaseCreate", { target, json: true }, { title: "Again", from: "latest", style: "blue-green" }],
    ]);
  });

  it("refuses a bad command line with exit 4 and a message, before anything is sent", async () => {
    const cases: [string[], RegExp][] = [
      [[...env, "push", RELEASE, "error_rate=high"], /"error_rate=high": the value of error_rate must be a number/],
      [[...env, "push", RELEASE, "error_rate"], /"error_rate" is not signal=value/],
      [[...env, "push", RELEASE, "error_rate=Infinity"], /must be a number/],
      [[...env, "gate", RELEASE, "--stage", "migrate", "--wait", "soon"], /"soon" is not a duration/],
      [[...env, "gate", RELEASE, "--stage", "deploy"], /Allowed choices are expand, migrate, contract/],
      [[...env, "gate", RELEASE], /required option '--stage <stage>' not specified/],
      [[...env, "stage", "complete", RELEASE, "cleanup"], /Allowed choices are expand, migrate, contract/],
      [["--token", "sbc_secret", "status", RELEASE], /Set SWITCHBACK_URL \(or pass --url\)/],
      [["--url", "https://switchback.example.com", "status", RELEASE], /Set SWITCHBACK_TOKEN \(or pass --token\)/],
      [[...env, "rollout", RELEASE], /unknown command 'rollout'/],
      [[...env, "deploy", "start"], /missing required argument 'release'/],
      [[...env, "release", "create"], /required option '--title <title>' not specified/],
      [[...env, "release", "create", "--title", "x", "--style", "linear"], /Allowed choices are rolling, blue-green, canary/],
    ];
    for (const [argv, message] of cases) {
      const result = await parse(argv);
      expect(result.code, argv.join(" ")).toBe(4);
      expect(result.calls).toEqual([]);
      expect(result.stderr).toMatch(message);
    }
  });

  it("shows the exit codes in --help", async () => {
    const { code, stdout } = await parse(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Exit codes:");
    expect(stdout).toMatch(/^ {2}2 {2}gate: --wait ran out/m);
  });
});
