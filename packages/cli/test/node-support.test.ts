import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, tunegate } from "./run";

const engines = (path: string) =>
  (JSON.parse(readFileSync(join(REPO, path), "utf8")) as { engines: { node: string } }).engines.node;

describe("supported Node versions", () => {
  it("are stated once: engines of the repository and of the CLI agree, and the README names them", () => {
    const range = engines("package.json");
    expect(engines("packages/cli/package.json")).toBe(range);
    const minimum = /^>=(\d+)$/.exec(range)?.[1];
    expect(minimum).toBeDefined();
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    expect(readme).toContain(`(\`engines\` in package.json: \`${range}\`)`);
    expect(readme).toMatch(new RegExp(`^Node\\.js ${minimum}, `, "m"));
  });

  it("on this Node, an AWS command prints no warning that the runtime is unsupported", async () => {
    // An AWS call that fails fast (nothing listens on port 9): the SDK warns when the client is made.
    const r = await tunegate(["status"], {
      env: {
        AWS_REGION: "us-west-2",
        AWS_ACCESS_KEY_ID: "AKIDTEST",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_ENDPOINT_URL_BEDROCK: "http://127.0.0.1:9",
        AWS_MAX_ATTEMPTS: "1",
        GITHUB_REPOSITORY: "acme/router-data",
      },
    });
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|upgrade to node/i);
    expect(r.stderr).toContain("tunegate status");
  });
});
