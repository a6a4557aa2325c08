import { describe, expect, it } from "vitest";
import { maskedUrl, targetInput, urlParts } from "@/lib/targets/url";

describe("target connection URLs", () => {
  it("shows host, port, database and user, never the password", () => {
    const text = "postgresql://reader:s3cret@db.example.test:6432/shop?sslmode=require";
    expect(maskedUrl(text)).toBe("postgresql://reader:••••••@db.example.test:6432/shop");
    expect(maskedUrl("postgres://db.example.test/shop")).toBe("postgresql://db.example.test:5432/shop");
    expect(urlParts("postgres://r%40x:p@[::1]/my%20db")).toEqual({ host: "[::1]", port: 5432, database: "my db", user: "r@x" });
  });

  it("accepts only postgres URLs with a host and a database", () => {
    const problems = (url: string) => {
      const issues = targetInput.safeParse({ name: "shop", url }).error?.issues;
      return issues && [...new Set(issues.map((i) => i.path.join(".")))];
    };
    expect(problems("postgresql://reader:pw@localhost:5432/shop")).toBeUndefined();
    for (const bad of ["https://db.example.test/shop", "postgresql://db.example.test", "postgresql:///shop", "shop", ""])
      expect(problems(bad)).toEqual(["url"]);
    // Without a user, pg would sign in as whoever the server's environment says (PGUSER, ~/.pgpass).
    expect(targetInput.safeParse({ name: "shop", url: "postgresql://db.example.test/shop" }).error?.issues.map((i) => i.message)).toEqual([
      "Name the user in the URL, e.g. postgresql://reader:password@db.example.com/shop",
    ]);
  });
});
