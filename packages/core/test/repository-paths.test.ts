// The one place that decides whether a path belongs to the repository, for every reader of a dataset
// or tunegate.yml (validate, train and report actions, CLI).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryName, repositoryRelative } from "../src/index";

const base = mkdtempSync(join(tmpdir(), "tunegate-repo-paths-"));
const repo = join(base, "repo");
const outside = join(base, "outside");
mkdirSync(join(repo, "data"), { recursive: true });
mkdirSync(outside);
writeFileSync(join(outside, "secret.jsonl"), "{}\n");
writeFileSync(join(repo, "data", "train.jsonl"), "{}\n");
symlinkSync(join(outside, "secret.jsonl"), join(repo, "data", "absolute.jsonl"));
symlinkSync("../../outside/secret.jsonl", join(repo, "data", "relative.jsonl"));
symlinkSync(outside, join(repo, "linked"));
symlinkSync("train.jsonl", join(repo, "data", "inside.jsonl"));

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
