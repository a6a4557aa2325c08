import { describe, expect, it } from "vitest";
import { as, ok } from "@/lib/testing/actions";
import { createUser } from "@/lib/testing/db";
import { createToken } from "@/lib/tokens/commands";
import { SUGGESTED_TOKEN_NAME, tokenFormDefaults } from "@/lib/tokens/form-defaults";

// The New token form, submitted untouched, makes a token; invalid combinations still name the field.

describe("the New token form's defaults", () => {
  it("create a token as submitted", async () => {
    const admin = await createUser("ADMIN");
    const created = ok(await as(admin)(createToken, tokenFormDefaults()));
    expect(created).toMatchObject({ kind: "FLAG_READ", releaseId: null, secret: expect.stringMatching(/^sbr_/) });
  });

  it("still refuse a push token without a release, on the Release field", async () => {
    const admin = await createUser("ADMIN");
    const result = await as(admin)(createToken, { ...tokenFormDefaults(), kind: "SIGNAL_PUSH", name: SUGGESTED_TOKEN_NAME.SIGNAL_PUSH });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID", fieldErrors: { releaseId: ["A push token belongs to one release"] } } });
  });

  it("give a pipeline token only the read scope, so naming a service is all it takes", async () => {
    const admin = await createUser("ADMIN");
    const pipeline = { ...tokenFormDefaults(), kind: "PIPELINE", name: SUGGESTED_TOKEN_NAME.PIPELINE, service: "accounts-api" };
    expect(ok(await as(admin)(createToken, pipeline))).toMatchObject({
      kind: "PIPELINE",
      scopes: ["read"],
      service: "accounts-api",
      secret: expect.stringMatching(/^sbc_/),
    });
  });
});
