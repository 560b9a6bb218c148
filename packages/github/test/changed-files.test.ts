import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGitHubStandIn } from "@tunegate/github-local";
import { GitRepo } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChangedFilesError,
  changedFiles,
  createOctokit,
  extractFileFromCommit,
  hasCommit,
  parseNameStatus,
  readFileInCommit,
} from "../src/index";

let origin: GitRepo;
let base: string;
let head: string;
const temp = mkdtempSync(join(tmpdir(), "tunegate-github-"));

beforeAll(() => {
  origin = new GitRepo();
  origin.write({
    "tunegate.yml": "version: 1\n",
    "data/train.jsonl": '{"a":1}\n',
    "data/old.jsonl": "{}\n",
    "README.md": "hello\n",
  });
  base = origin.commit("base");
  origin.checkout("more-data", true);
  origin
    .write({ "data/train.jsonl": '{"a":1}\n{"a":2}\n', "data/new dir/valid.jsonl": "{}\n" })
    .remove("data/old.jsonl");
  head = origin.commit("head");
  // GitHub serves any reachable commit to `git fetch <sha>`; a local repository must be told to.
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");
});
afterAll(() => {
  origin.dispose();
  rmSync(temp, { recursive: true, force: true });
});

function shallowClone(): string {
  const dir = mkdtempSync(join(temp, "clone-"));
  execFileSync("git", ["clone", "-q", "--depth=1", "--branch", "more-data", `file://${origin.dir}`, dir]);
  return dir;
}

describe("changedFiles", () => {
  it("lists added, modified and removed files from git in a full clone", async () => {
    const result = await changedFiles({ cwd: origin.dir, baseSha: base });
    expect(result.baseAvailable).toBe(true);
    expect(result.files).toEqual([
      { path: "data/new dir/valid.jsonl", status: "added" },
      { path: "data/old.jsonl", status: "removed" },
      { path: "data/train.jsonl", status: "modified" },
    ]);
    expect(result.source).toBe(`git diff ${base.slice(0, 7)} HEAD`);
  });

  it("fetches the base commit into a shallow clone, as actions/checkout makes one", async () => {
    const clone = shallowClone();
    expect(await hasCommit(clone, base)).toBe(false);
    const result = await changedFiles({ cwd: clone, baseSha: base });
    expect(result.baseAvailable).toBe(true);
    expect(result.notes).toEqual([`Fetched the base commit ${base.slice(0, 7)} (the checkout is shallow).`]);
    expect(result.files.map((f) => f.path)).toEqual([
      "data/new dir/valid.jsonl",
      "data/old.jsonl",
      "data/train.jsonl",
    ]);
    // The base versions can be read now, streamed to a file.
    const target = join(temp, "base-train.jsonl");
    expect(await extractFileFromCommit(clone, base, "data/train.jsonl", target)).toBe(true);
    expect(readFileSync(target, "utf8")).toBe('{"a":1}\n');
    expect(await extractFileFromCommit(clone, base, "data/new dir/valid.jsonl", target)).toBe(false);
    expect(await readFileInCommit(clone, base, "tunegate.yml")).toBe("version: 1\n");
  });

  it("asks the API when git cannot reach the base commit, and says why", async () => {
    const clone = shallowClone();
    execFileSync("git", ["remote", "set-url", "origin", join(temp, "no-such-remote")], { cwd: clone });
    const gh = await startGitHubStandIn({ tokens: { t: "read" } });
    try {
      gh.addRepository({ owner: "acme", repo: "data" });
      gh.addPullRequest({
        owner: "acme",
        repo: "data",
        number: 3,
        title: "More data",
        user: "alice",
        head: { sha: head, ref: "more-data" },
        base: { sha: base, ref: "main" },
        files: [
          { filename: "data/train.jsonl", status: "modified", additions: 1 },
          { filename: "data/renamed.jsonl", status: "renamed", previousFilename: "data/before.jsonl" },
          { filename: "data/old.jsonl", status: "removed", deletions: 1 },
        ],
      });
      const octokit = createOctokit("t", gh.url);
      const result = await changedFiles({
        cwd: clone,
        baseSha: base,
        api: { octokit, owner: "acme", repo: "data", pullNumber: 3 },
      });
      expect(result.baseAvailable).toBe(false);
      expect(result.source).toBe("GitHub API, files of pull request #3");
      expect(result.notes[0]).toMatch(/is not in the checkout and cannot be fetched/);
      expect(result.files).toEqual([
        { path: "data/train.jsonl", status: "modified" },
        { path: "data/before.jsonl", status: "removed" },
        { path: "data/renamed.jsonl", status: "added" },
        { path: "data/old.jsonl", status: "removed" },
      ]);
      expect(gh.violations()).toEqual([]);
      await expect(changedFiles({ cwd: clone, baseSha: base })).rejects.toBeInstanceOf(ChangedFilesError);
    } finally {
      await gh.close();
    }
  });

  it("parses git's NUL-separated name-status output, paths with spaces and newlines included", () => {
    expect(parseNameStatus("M\0a b.jsonl\0A\0x\ny.jsonl\0D\0z\0T\0t\0")).toEqual([
      { path: "a b.jsonl", status: "modified" },
      { path: "x\ny.jsonl", status: "added" },
      { path: "z", status: "removed" },
      { path: "t", status: "modified" },
    ]);
  });
});
