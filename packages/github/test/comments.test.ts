import { startGitHubStandIn } from "@tunegate/github-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOctokit, findPullRequestForCommit, MAX_COMMENT_LENGTH, upsertComment } from "../src/index";

type StandIn = Awaited<ReturnType<typeof startGitHubStandIn>>;
let gh: StandIn;
const owner = "acme";
const repo = "support-data";
const marker = "<!-- tunegate:validate -->";

beforeAll(async () => {
  gh = await startGitHubStandIn({
    tokens: {
      "write-token": "write",
      "fork-token": "read",
      "alice-pat": { access: "write", login: "alice" },
    },
  });
  gh.addRepository({ owner, repo, defaultBranch: "main" });
  for (const number of [7, 8, 9, 10, 11]) {
    gh.addPullRequest({
      owner,
      repo,
      number,
      title: `PR ${number}`,
      user: "alice",
      head: { sha: `${number}`.repeat(40).slice(0, 40), ref: `branch-${number}` },
      base: { sha: "b".repeat(40), ref: "main" },
      files: [],
    });
  }
});
afterAll(async () => {
  expect(gh.violations()).toEqual([]);
  expect(gh.invalidResponses()).toEqual([]);
  await gh.close();
});

describe("upsertComment", () => {
  it("creates once, leaves an unchanged body alone, edits in place", async () => {
    const octokit = createOctokit("write-token", gh.url);
    const first = await upsertComment({ octokit, owner, repo, issueNumber: 7, marker, body: "report v1" });
    expect(first.action).toBe("created");
    const same = await upsertComment({ octokit, owner, repo, issueNumber: 7, marker, body: "report v1" });
    expect(same.action).toBe("unchanged");
    const changed = await upsertComment({ octokit, owner, repo, issueNumber: 7, marker, body: "report v2" });
    expect(changed).toMatchObject({ action: "updated", id: first.action === "created" ? first.id : -1 });
    const comments = gh.comments(owner, repo, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ body: `${marker}\nreport v2`, edits: 1 });
  });

  it("finds its comment behind 250 others, and keeps other markers apart", async () => {
    const octokit = createOctokit("write-token", gh.url);
    await upsertComment({ octokit, owner, repo, issueNumber: 8, marker, body: "mine" });
    for (let i = 0; i < 250; i++)
      gh.addComment({ owner, repo, issueNumber: 8, body: `chatter ${i}`, user: "bob" });
    const other = "<!-- tunegate:train model=router job=x -->";
    await upsertComment({ octokit, owner, repo, issueNumber: 8, marker: other, body: "training" });
    const again = await upsertComment({
      octokit,
      owner,
      repo,
      issueNumber: 8,
      marker,
      body: "mine, updated",
    });
    expect(again.action).toBe("updated");
    const ours = gh.comments(owner, repo, 8).filter((c) => c.body.includes("<!-- tunegate:"));
    expect(ours.map((c) => c.body)).toEqual([`${marker}\nmine, updated`, `${other}\ntraining`]);
  });

  it("ignores a marker planted in somebody else's comment: only the token's own comments count", async () => {
    const planted = gh.addComment({
      owner,
      repo,
      issueNumber: 10,
      body: `${marker}\nready to merge`,
      user: "mallory",
    });
    const octokit = createOctokit("write-token", gh.url);
    const first = await upsertComment({ octokit, owner, repo, issueNumber: 10, marker, body: "2 errors" });
    expect(first.action).toBe("created");
    const again = await upsertComment({ octokit, owner, repo, issueNumber: 10, marker, body: "1 error" });
    expect(again).toMatchObject({ action: "updated", id: first.action === "created" ? first.id : -1 });
    const comments = gh.comments(owner, repo, 10);
    expect(comments.map((c) => [c.id, c.user, c.body, c.edits])).toEqual([
      [planted, "mallory", `${marker}\nready to merge`, 0],
      [again.action === "updated" ? again.id : -1, "github-actions[bot]", `${marker}\n1 error`, 1],
    ]);
  });

  it("a user's token (a PAT) keeps to the comments of its own account", async () => {
    const bot = createOctokit("write-token", gh.url);
    await upsertComment({ octokit: bot, owner, repo, issueNumber: 11, marker, body: "from the bot" });
    const pat = createOctokit("alice-pat", gh.url);
    await upsertComment({ octokit: pat, owner, repo, issueNumber: 11, marker, body: "from alice" });
    await upsertComment({ octokit: pat, owner, repo, issueNumber: 11, marker, body: "from alice, again" });
    expect(gh.comments(owner, repo, 11).map((c) => [c.user, c.body])).toEqual([
      ["github-actions[bot]", `${marker}\nfrom the bot`],
      ["alice", `${marker}\nfrom alice, again`],
    ]);
  });

  it("a read-only token (a fork's) is 'forbidden', not an error, and posts nothing", async () => {
    const octokit = createOctokit("fork-token", gh.url);
    const result = await upsertComment({ octokit, owner, repo, issueNumber: 9, marker, body: "report" });
    expect(result.action).toBe("forbidden");
    expect(result.action === "forbidden" && result.reason).toContain("read-only");
    expect(gh.comments(owner, repo, 9)).toEqual([]);
  });

  it("refuses a body over GitHub's limit before sending anything", async () => {
    const octokit = createOctokit("write-token", gh.url);
    const before = gh.requests().length;
    await expect(
      upsertComment({ octokit, owner, repo, issueNumber: 9, marker, body: "x".repeat(MAX_COMMENT_LENGTH) }),
    ).rejects.toThrow(/at most 65536/);
    expect(gh.requests().length).toBe(before);
  });
});

describe("findPullRequestForCommit", () => {
  it("finds the PR a merge commit merged, and a PR by its head commit", async () => {
    const octokit = createOctokit("write-token", gh.url);
    const merge = "d".repeat(40);
    gh.mergePullRequest({ owner, repo, number: 7, mergeCommitSha: merge });
    expect(await findPullRequestForCommit(octokit, owner, repo, merge)).toMatchObject({
      number: 7,
      merged: true,
    });
    expect(await findPullRequestForCommit(octokit, owner, repo, "8".repeat(40))).toMatchObject({
      number: 8,
      merged: false,
    });
    expect(await findPullRequestForCommit(octokit, owner, repo, "e".repeat(40))).toBeUndefined();
  });
});
