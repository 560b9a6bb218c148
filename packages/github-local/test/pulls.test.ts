import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BASE_SHA,
  FORK_HEAD_SHA,
  failure,
  HEAD_SHA,
  MERGE_SHA,
  OWNER,
  REPO,
  startWorld,
  type World,
} from "./fixtures";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.gh.close();
});

const repo = { owner: OWNER, repo: REPO };

describe("repositories and pull requests", () => {
  it("answers GET /repos/{owner}/{repo} with the default branch", async () => {
    const { data } = await world.reader.rest.repos.get(repo);
    expect(data).toMatchObject({
      full_name: `${OWNER}/${REPO}`,
      default_branch: "main",
      private: false,
      fork: false,
    });
    expect((await failure(world.reader.rest.repos.get({ ...repo, repo: "missing" }))).status).toBe(404);
  });

  it("answers GET pulls/{n} for a same-repository PR and a fork PR", async () => {
    const { data: own } = await world.reader.rest.pulls.get({ ...repo, pull_number: 1 });
    expect(own).toMatchObject({
      number: 1,
      state: "open",
      merged: false,
      title: "Add refund examples",
      user: { login: "alice" },
      head: {
        sha: HEAD_SHA,
        ref: "refund-examples",
        label: `${OWNER}:refund-examples`,
        repo: { full_name: `${OWNER}/${REPO}` },
      },
      base: { sha: BASE_SHA, ref: "main", repo: { full_name: `${OWNER}/${REPO}`, default_branch: "main" } },
      additions: 150,
      deletions: 4,
      changed_files: 2,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/1`,
    });
    const { data: fork } = await world.reader.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(fork.head).toMatchObject({
      sha: FORK_HEAD_SHA,
      label: "mallory:main",
      repo: { full_name: "mallory/support-data", fork: true },
      user: { login: "mallory" },
    });
    expect((await failure(world.reader.rest.pulls.get({ ...repo, pull_number: 404 }))).status).toBe(404);
  });

  it("paginates the files of a pull request, and stops at GitHub's 3,000", async () => {
    const { gh, reader } = world;
    const files = Array.from({ length: 3_050 }, (_, i) => ({
      filename: `datasets/part-${String(i).padStart(4, "0")}.jsonl`,
      additions: i,
    }));
    gh.updatePullRequest(OWNER, REPO, 1, { files });
    const listed = await reader.paginate(reader.rest.pulls.listFiles, {
      ...repo,
      pull_number: 1,
      per_page: 100,
    });
    expect(listed).toHaveLength(3_000);
    expect(listed.map((f) => f.filename)).toEqual(files.slice(0, 3_000).map((f) => f.filename));
    expect(listed[7]).toMatchObject({
      status: "modified",
      additions: 7,
      deletions: 0,
      changes: 7,
      blob_url: `https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/datasets/part-0007.jsonl`,
    });
    expect(gh.requests()).toHaveLength(30);
  });

  it("lists pull requests by state, head and base", async () => {
    const { gh, reader } = world;
    gh.addPullRequest({
      ...repo,
      number: 3,
      title: "Old one",
      user: "alice",
      state: "closed",
      head: { sha: "5".repeat(40), ref: "old-branch" },
      base: { sha: BASE_SHA, ref: "release" },
    });
    const numbers = async (params: Record<string, string>) =>
      (await reader.rest.pulls.list({ ...repo, ...params })).data.map((p) => p.number);
    expect(await numbers({})).toEqual([2, 1]); // open, newest first
    expect(await numbers({ state: "closed" })).toEqual([3]);
    expect(await numbers({ state: "all", direction: "asc" })).toEqual([1, 2, 3]);
    expect(await numbers({ head: `${OWNER}:refund-examples` })).toEqual([1]);
    expect(await numbers({ head: "mallory:main" })).toEqual([2]);
    expect(await numbers({ head: `${OWNER}:main` })).toEqual([]);
    expect(await numbers({ state: "all", base: "release" })).toEqual([3]);
    expect(gh.violations()).toEqual([]);
  });

  it("finds the merged pull request of a merge commit through commits/{sha}/pulls", async () => {
    const { gh, reader } = world;
    const pullsOf = async (sha: string) =>
      (await reader.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha })).data;
    expect(await pullsOf(MERGE_SHA)).toEqual([]);
    expect((await pullsOf(HEAD_SHA)).map((p) => p.number)).toEqual([1]);

    gh.mergePullRequest({ ...repo, number: 1, mergeCommitSha: MERGE_SHA, mergedBy: "carol" });
    const found = await pullsOf(MERGE_SHA);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      number: 1,
      state: "closed",
      merge_commit_sha: MERGE_SHA,
      merged_at: "2026-11-24T10:00:00Z",
    });
    expect((await pullsOf(MERGE_SHA.slice(0, 7))).map((p) => p.number)).toEqual([1]);

    const { data } = await reader.rest.pulls.get({ ...repo, pull_number: 1 });
    expect(data).toMatchObject({ merged: true, merged_by: { login: "carol" }, mergeable: null });
  });

  it("finds a pull request seeded as already merged by its merge commit", async () => {
    const { gh, reader } = world;
    const sha = "8".repeat(40);
    gh.addPullRequest({
      ...repo,
      number: 4,
      title: "Merged before the test",
      user: "alice",
      merged: true,
      mergeCommitSha: sha,
      head: { sha: "9".repeat(40), ref: "done" },
      base: { sha: BASE_SHA, ref: "main" },
    });
    const { data } = await reader.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repo,
      commit_sha: sha,
    });
    expect(data.map((p) => [p.number, p.state, p.merged_at !== null])).toEqual([[4, "closed", true]]);
    expect((await reader.rest.pulls.list(repo)).data.map((p) => p.number)).not.toContain(4);
  });

  it("compares refs and SHAs through compare/{basehead}, including a push's before...after", async () => {
    const { gh, reader } = world;
    const compare = (basehead: string) => reader.rest.repos.compareCommitsWithBasehead({ ...repo, basehead });
    const byRef = (await compare("main...refund-examples")).data;
    expect(byRef).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(byRef.files?.map((f) => f.filename)).toEqual([
      "datasets/support/train.jsonl",
      "datasets/support/validation.jsonl",
    ]);
    expect(byRef.commits.map((c) => c.sha)).toEqual([HEAD_SHA]);
    expect(byRef.commits[0]?.parents.map((p) => p.sha)).toEqual([BASE_SHA]);
    expect(byRef.base_commit.sha).toBe(BASE_SHA);

    expect((await compare("main...mallory:main")).data.commits[0]?.sha).toBe(FORK_HEAD_SHA);
    expect((await compare(`${BASE_SHA}...${HEAD_SHA}`)).data.files).toHaveLength(2);
    // Octokit's older template, `compare/{base}...{head}`, is the same endpoint.
    expect(
      (await reader.rest.repos.compareCommits({ ...repo, base: "main", head: "refund-examples" })).data.files,
    ).toHaveLength(2);

    expect((await failure(compare(`${BASE_SHA}...${MERGE_SHA}`))).status).toBe(404);
    gh.mergePullRequest({ ...repo, number: 1, mergeCommitSha: MERGE_SHA });
    expect((await compare(`${BASE_SHA}...${MERGE_SHA}`)).data.files).toHaveLength(2);

    gh.addComparison({
      ...repo,
      base: "v1",
      head: "v2",
      files: [
        { filename: "datasets/support/train.jsonl", status: "renamed", previousFilename: "train.jsonl" },
      ],
      commits: [{ sha: "6".repeat(40), message: "Move the dataset" }, { sha: "7".repeat(40) }],
    });
    const seeded = (await compare("v1...v2")).data;
    expect(seeded).toMatchObject({
      ahead_by: 2,
      files: [{ status: "renamed", previous_filename: "train.jsonl" }],
    });
    expect((await compare("main...main")).data).toMatchObject({
      status: "identical",
      files: [],
      total_commits: 0,
    });
    expect((await failure(compare("main...nowhere"))).status).toBe(404);
    expect(gh.violations()).toEqual([]);
  });
});
