import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

function problems(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("environment validation", () => {
  it("starts with sensible defaults and no variables at all", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.EMBEDDED_PG_PORT).toBe(54329);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SWITCHBACK_DATA_DIR).toBe(".data");
  });

  it("names the bad variable and what it got", () => {
    expect(problems({ PORT: "abc" })).toEqual([expect.stringMatching(/^PORT must be .*\(got "abc"\)$/)]);
    expect(problems({ EMBEDDED_PG_PORT: "70000" })).toEqual([expect.stringMatching(/^EMBEDDED_PG_PORT must be between 1 and 65535/)]);
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL URL without echoing it", () => {
    const [problem] = problems({ DATABASE_URL: "mysql://root:secret@db/app" });
    expect(problem).toMatch(/^DATABASE_URL must be a postgres/);
    expect(problem).not.toContain("secret");
  });

  it("insists on GitHub and OIDC settings being complete", () => {
    expect(problems({ AUTH_GITHUB_ID: "abc" })).toEqual([expect.stringMatching(/^AUTH_GITHUB_SECRET must be set together/)]);
    expect(problems({ AUTH_OIDC_ISSUER: "https://id.example.com", AUTH_OIDC_ID: "x" })).toEqual([expect.stringMatching(/^AUTH_OIDC_SECRET is required/)]);
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(problems({ AUTH_SECRET: "short" })).toEqual([expect.stringMatching(/^AUTH_SECRET must be at least 32 characters/)]);
  });
});
