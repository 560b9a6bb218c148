import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContextError, pullRequestOf, runnerContext } from "../src/index";

describe("runnerContext", () => {
  const event = (payload: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), "tunegate-ctx-")), "event.json");
    writeFileSync(path, JSON.stringify(payload));
    return path;
  };

  it("reads repository, event and API base from the runner's environment", () => {
    const ctx = runnerContext({
      GITHUB_REPOSITORY: "acme/support-data",
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: event({
        pull_request: {
          number: 7,
          base: { sha: "b1", ref: "main" },
          head: { sha: "h1", ref: "x", repo: { full_name: "mallory/support-data" } },
        },
      }),
      GITHUB_API_URL: "http://127.0.0.1:1234",
      GITHUB_RUN_ID: "42",
    });
    expect(ctx).toMatchObject({ owner: "acme", repo: "support-data", apiUrl: "http://127.0.0.1:1234" });
    expect(ctx.runUrl).toBe("https://github.com/acme/support-data/actions/runs/42");
    expect(pullRequestOf(ctx)).toEqual({
      number: 7,
      baseSha: "b1",
      headSha: "h1",
      baseRef: "main",
      headRef: "x",
      fromFork: true,
    });
  });

  it("a push event has no pull request; a missing repository is a clear error", () => {
    expect(
      pullRequestOf(
        runnerContext({ GITHUB_REPOSITORY: "a/b", GITHUB_EVENT_PATH: event({ ref: "refs/heads/main" }) }),
      ),
    ).toBeUndefined();
    expect(() => runnerContext({})).toThrow(ContextError);
  });
});
