// The one place that decides whether a path belongs to the repository, for every reader of a dataset
// or tunegate.yml (validate, train and report actions, CLI).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryName, repositoryRelative } from "../src/index";

const repo = join(mkdtempSync(join(tmpdir(), "tunegate-repo-paths-")), "repo");

describe("repository paths", () => {
  it("names paths as the repository does, and nothing outside it", () => {
    expect(repositoryRelative(repo, join(repo, "data/train.jsonl"))).toBe("data/train.jsonl");
    expect(repositoryRelative(repo, "data/../data/train.jsonl")).toBe("data/train.jsonl");
    expect(repositoryRelative(repo, "../outside/secret.jsonl")).toBeUndefined();
    expect(repositoryRelative(repo, "/etc/passwd")).toBeUndefined();
    expect(repositoryRelative(repo, "..")).toBeUndefined();
    expect(repositoryRelative(repo, "..data/x.jsonl")).toBe("..data/x.jsonl");
    expect(repositoryName(repo, "/etc/passwd")).toBe("/etc/passwd");
  });
});
