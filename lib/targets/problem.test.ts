import { describe, expect, it } from "vitest";
import { problemSentence, targetProblem } from "@/lib/targets/problem";
import { seal } from "@/lib/targets/seal";

const parts = { host: "db.example.test", port: 5432, database: "shop", user: "reader" };

// The causes no local server can be made to produce on demand, by the codes the driver reports.
describe("why a target did not answer", () => {
  it("reads the SQLSTATE and network codes", () => {
    expect(problemSentence({ code: "28000" }, parts)).toContain('does not let user "reader" connect');
    expect(problemSentence({ code: "53300" }, parts)).toBe("db.example.test:5432 has no free connections left; try again when it is less busy.");
    expect(problemSentence({ code: "ENOTFOUND" }, parts)).toBe("The host name db.example.test could not be found.");
  });

  it("never shows the driver's own text", () => {
    expect(problemSentence(new Error("self-signed certificate in certificate chain"), parts)).toContain("The secure connection to db.example.test:5432 failed");
    expect(problemSentence({ code: "XX000", message: "internal detail" }, parts)).toBe("The server refused the check (PostgreSQL error XX000).");
    expect(problemSentence(new Error("password=hunter2"), parts)).toBe("The connection failed for a reason Switchback does not recognise.");
  });

  it("says a URL without a password cannot answer a server that asks for one", () => {
    expect(problemSentence(new Error("SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a non-empty string"), parts)).toBe(
      'The server wants a password for user "reader" and the connection URL has none.',
    );
  });

  it("answers for a registered target whose URL this server cannot open, instead of failing", () => {
    expect(targetProblem({ sealedUrl: seal("postgresql://reader:pw@db.example.test/shop") }, { code: "ECONNREFUSED" })).toBe(
      "Nothing is listening on db.example.test:5432: the connection was refused.",
    );
    expect(targetProblem({ sealedUrl: "v1.not-a-sealed-value" }, { code: "ECONNREFUSED" })).toBe(
      "Its connection URL was sealed with a key this server does not have; add the target again.",
    );
  });
});
