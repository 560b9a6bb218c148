// Against real repositories made with git in a temp folder: what tunegate reads from git, and what it
// does when git cannot answer.
import { GitRepo } from "@tunegate/testkit";
import { afterAll, describe, expect, it } from "vitest";
import {
  diffFiles,
  GitError,
  headOf,
  isAncestor,
  originRepository,
  pathsChangedSince,
  readTextAt,
  uncommittedPaths,
} from "../src/index";

const repos: GitRepo[] = [];
function repo(): GitRepo {
  const r = new GitRepo();
  repos.push(r);
  return r;
}
afterAll(() => {
  for (const r of repos) r.dispose();
});

describe("@tunegate/git", () => {
  it("reads a config as it was at an earlier revision, without its byte-order mark", async () => {
    const r = repo();
    const first = r.write({ "tunegate.yml": "\uFEFFversion: 1\n" }).commit("first");
    r.write({ "tunegate.yml": "version: 2\n" }).commit("second");
    expect(await readTextAt(r.dir, first, "tunegate.yml")).toBe("version: 1\n");
    expect(await readTextAt(r.dir, "HEAD^1", "tunegate.yml")).toBe("version: 1\n");
    expect(await readTextAt(r.dir, "HEAD", "tunegate.yml")).toBe("version: 2\n");
    expect(await readTextAt(r.dir, first, "missing.yml")).toBeUndefined();
    expect(await readTextAt(r.dir, "0".repeat(40), "tunegate.yml")).toBeUndefined();
  });

  it("lists changed files with their status, names with spaces and newlines as they are", async () => {
    const r = repo();
    const base = r.write({ "a b.jsonl": "1\n", "gone.jsonl": "x\n" }).commit("base");
    r.write({ "a b.jsonl": "2\n", "new\nline.jsonl": "y\n" }).remove("gone.jsonl");
    const head = r.commit("head");
    expect(await diffFiles(r.dir, base, head)).toEqual([
      { path: "a b.jsonl", status: "modified" },
      { path: "gone.jsonl", status: "removed" },
      { path: "new\nline.jsonl", status: "added" },
    ]);
    await expect(diffFiles(r.dir, `${base}^1`, head)).rejects.toBeInstanceOf(GitError);
  });

  it("compares with a base only when it is in the history of the commit", async () => {
    const r = repo();
    const base = r.write({ "a.jsonl": "1\n" }).commit("base");
    const main = r.write({ "b.jsonl": "2\n" }).commit("main");
    r.checkout(base).checkout("side", true);
    const side = r.write({ "c.jsonl": "3\n" }).commit("side");
    expect(await isAncestor(r.dir, base, main)).toBe(true);
    expect(await isAncestor(r.dir, side, main)).toBe(false);
    expect(await pathsChangedSince(r.dir, base, main)).toEqual(["b.jsonl"]);
    expect(await pathsChangedSince(r.dir, side, main)).toBeUndefined();
    expect(await pathsChangedSince(r.dir, "f".repeat(40), main)).toBeUndefined();
  });

  it("tells HEAD, the uncommitted paths and the GitHub repository of origin", async () => {
    const r = repo();
    const commit = r.write({ "train.jsonl": "1\n", "other.jsonl": "1\n" }).commit("first");
    expect((await headOf(r.dir)).commit).toBe(commit);
    r.write({ "train.jsonl": "2\n", "other.jsonl": "2\n", "untracked.jsonl": "3\n" });
    expect(await uncommittedPaths(r.dir, ["train.jsonl", "untracked.jsonl"])).toEqual([
      "train.jsonl",
      "untracked.jsonl",
    ]);
    expect(await originRepository(r.dir)).toBeUndefined();
    r.git("remote", "add", "origin", "git@github.com:acme/support-data.git");
    expect(await originRepository(r.dir)).toBe("acme/support-data");
    r.git("remote", "set-url", "origin", "https://github.com/acme/support-data/");
    expect(await originRepository(r.dir)).toBe("acme/support-data");
  });
});
