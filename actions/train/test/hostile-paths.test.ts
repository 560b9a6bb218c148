// The train action reads what a merged pull request committed: a dataset that is a link out of the
// checkout is refused when tunegate.yml is loaded, before anything is read, uploaded or started (no
// AWS or GitHub endpoint is reachable here: refusing first is what lets the step fail cleanly).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAction } from "@tunegate/testkit";
import { describe, expect, it } from "vitest";
import { config, lines, SCRIPT } from "./support";

describe("train refuses datasets linked out of the checkout", () => {
  it.each([
    ["absolute", (secret: string) => secret],
    ["relative", (secret: string) => `${"../".repeat(40)}${secret.slice(1)}`],
  ])(
    "an %s link, naming the tunegate.yml line",
    async (_, target) => {
      const outside = mkdtempSync(join(tmpdir(), "tunegate-outside-"));
      const secret = join(outside, "secret.jsonl");
      writeFileSync(secret, lines(40, "AKIASECRET"));
      const workspace = mkdtempSync(join(tmpdir(), "tunegate-train-links-"));
      mkdirSync(join(workspace, "data"));
      writeFileSync(join(workspace, "tunegate.yml"), config({ router: { training: "data/train.jsonl" } }));
      symlinkSync(target(secret), join(workspace, "data/train.jsonl"));
      const run = await runAction({
        script: SCRIPT,
        workspace,
        eventName: "push",
        event: {},
        inputs: { config: "tunegate.yml", models: "router", "github-token": "t" },
        env: { AWS_REGION: "us-west-2", AWS_ENDPOINT_URL: "http://127.0.0.1:9" },
      });
      expect(run.code).toBe(1);
      const failure = run.annotations.map((a) => a.message).join("\n");
      expect(failure).toContain("data/train.jsonl is a symlink out of the repository");
      expect(failure).toContain("tunegate.yml:13:15: models.router.training");
      expect(run.stdout + run.stderr).not.toContain("AKIASECRET");
    },
    120_000,
  );
});
