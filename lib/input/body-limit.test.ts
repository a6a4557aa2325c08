import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT, ACTION_BODY_LIMIT_BYTES, oversizedInput } from "@/lib/input/body-limit";

// A server-action body over Next's limit never reaches our code (Next answers 500), so the
// browser names the field before sending.

describe("oversizedInput", () => {
  it("lets a form of any ordinary size through, including a stage SQL at its 1,000,000-character limit in multi-byte text", () => {
    expect(oversizedInput({ releaseId: "r", sql: "é".repeat(1_000_000), rollbackNote: "x".repeat(4000) })).toBeNull();
    expect(oversizedInput({ title: "Ship it" })).toBeNull();
  });

  it("names the largest field when the whole would pass the limit", () => {
    const error = oversizedInput({ title: "t", sql: "€".repeat(1_500_000) });
    expect(error).toMatchObject({ code: "TOO_LARGE", fieldErrors: { sql: [expect.stringContaining("too large to send")] } });
    expect(Object.keys(error!.fieldErrors!)).toEqual(["sql"]);
  });

  it("names the form when the input is not an object", () => {
    expect(oversizedInput("x".repeat(ACTION_BODY_LIMIT_BYTES))).toMatchObject({ fieldErrors: { form: [expect.any(String)] } });
  });

  it("states the same limit in both forms next.config.ts and the browser read", () => {
    expect(ACTION_BODY_LIMIT).toBe(`${ACTION_BODY_LIMIT_BYTES / (1024 * 1024)}mb`);
  });
});
