// The one place that decides whether a path belongs to the repository, for every reader of a dataset
// or tunegate.yml (validate, train and report actions, CLI).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@tunegate/core";
import { describe, expect, it } from "vitest";
import { loadConfig, outsideRepositoryProblem } from "../src/index";

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

describe("repository paths on disk", () => {
  it("refuses .. out of the repository and links out of it, absolute, relative or through a directory", () => {
    expect(outsideRepositoryProblem(repo, "../outside/secret.jsonl")).toBe("is outside the repository");
    for (const path of ["data/absolute.jsonl", "data/relative.jsonl", "linked/secret.jsonl"]) {
      expect(outsideRepositoryProblem(repo, path)).toBe("is a symlink out of the repository");
    }
  });

  it("accepts files, links that stay inside, and paths that do not exist", () => {
    for (const path of ["data/train.jsonl", "data/inside.jsonl", "data/missing.jsonl"]) {
      expect(outsideRepositoryProblem(repo, path)).toBeUndefined();
    }
  });

  it("loadConfig refuses a config path outside the repository before reading it", async () => {
    writeFileSync(join(outside, "tunegate.yml"), "version: 1\n");
    const error = await loadConfig(join(repo, "../outside/tunegate.yml"), { repository: repo }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.message).toContain("is outside the repository");
  });
});
