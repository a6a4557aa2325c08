import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_ACTIONS, COMMAND_MODULES } from "@/lib/testing/all-actions";

// The discovery the audit-coverage and permission-matrix tests rely on: every file under lib/
// that defines an action (an object with `run` and `permission`, found by its `name: "x.y"` and
// `permission:` lines) is a command module the glob finds.
function filesDefiningActions(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => /ActionConfig<[^]*?permission: "/.test(readFileSync(file, "utf8")));
}

describe("action discovery", () => {
  it("finds every module under lib/ that defines an action", () => {
    const root = path.join(process.cwd(), "lib");
    const expected = filesDefiningActions(root)
      .map((file) => `/${path.relative(process.cwd(), file)}`)
      .filter((file) => !file.startsWith("/lib/action.ts"))
      .sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(COMMAND_MODULES).toEqual(expect.arrayContaining(expected));
    expect(ALL_ACTIONS.length).toBeGreaterThan(40);
  });
});
