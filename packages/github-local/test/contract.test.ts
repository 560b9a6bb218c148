import { Agent, request as httpRequest } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubStandIn, startGitHubStandIn } from "../src/index";
import {
  failure,
  HEAD_SHA,
  MERGE_SHA,
  OWNER,
  REPO,
  raw,
  startWorld,
  type World,
  WRITE_TOKEN,
} from "./fixtures";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.gh.close();
});

const repo = { owner: OWNER, repo: REPO };

describe("the OpenAPI contract", () => {
  it("answers 404 in GitHub's shape for an undocumented route and records the violation", async () => {
    const { gh } = world;
    const unknown = await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pull/1`);
    expect(unknown).toMatchObject({
      status: 404,
      data: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" },
    });
    // Documented path, undocumented method.
    const wrongMethod = await raw(gh, "POST", `/repos/${OWNER}/${REPO}/pulls/1/files`, { body: "{}" });
    expect(wrongMethod.status).toBe(404);
    expect(gh.violations()).toEqual([
      expect.objectContaining({
        kind: "undocumented-route",
        method: "GET",
        path: `/repos/${OWNER}/${REPO}/pull/1`,
        operation: null,
      }),
      expect.objectContaining({
        kind: "undocumented-route",
        method: "POST",
        message: expect.stringContaining("documented for GET only"),
      }),
    ]);
    expect(gh.requests().map((r) => r.status)).toEqual([404, 404]);
  });

  it("records a documented operation the stand-in does not serve", async () => {
    const { gh, writer } = world;
    const response = await failure(
      writer.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["dataset"] }),
    );
    expect(response.status).toBe(501);
    expect(gh.violations()).toEqual([
      expect.objectContaining({
        kind: "unserved-operation",
        operation: "POST /repos/{owner}/{repo}/issues/{issue_number}/labels",
      }),
    ]);
  });

  it("checks the type of path and query parameters", async () => {
    const { gh } = world;
    expect((await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pulls/first`)).status).toBe(404);
    const perPage = await raw(gh, "GET", `/repos/${OWNER}/${REPO}/issues/1/comments?per_page=many`);
    expect(perPage).toMatchObject({
      status: 422,
      data: { message: "Invalid request.\n\nFor 'properties/per_page', \"many\" is not an integer." },
    });
    const state = await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pulls?state=merged`);
    expect(state.status).toBe(422);
    expect((state.data as { message: string }).message).toContain(
      '"merged" is not a member of ["open", "closed", "all"]',
    );
    expect(gh.violations().map((v) => v.kind)).toEqual([
      "invalid-parameter",
      "invalid-parameter",
      "invalid-parameter",
    ]);
    // A branch name with a slash travels encoded in one path segment.
    gh.addComparison({ ...repo, base: "main", head: "feature/refunds", files: [] });
    expect((await raw(gh, "GET", `/repos/${OWNER}/${REPO}/compare/main...feature%2Frefunds`)).status).toBe(
      200,
    );
  });

  it("serves responses that validate against the documented response schemas", async () => {
    const { gh, writer, reader } = world;
    gh.mergePullRequest({ ...repo, number: 1, mergeCommitSha: MERGE_SHA });
    gh.addComparison({
      ...repo,
      base: "v1",
      head: "v2",
      files: [{ filename: "a.jsonl", status: "removed", patch: "@@ -1 +0,0 @@" }],
    });
    const { data: comment } = await writer.rest.issues.createComment({
      ...repo,
      issue_number: 1,
      body: "report",
    });
    await writer.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: "report v2" });
    await writer.rest.issues.getComment({ ...repo, comment_id: comment.id });
    await writer.rest.issues.listComments({ ...repo, issue_number: 1 });
    await writer.rest.repos.get(repo);
    await writer.rest.pulls.get({ ...repo, pull_number: 1 });
    await writer.rest.pulls.get({ ...repo, pull_number: 2 });
    await writer.rest.pulls.list({ ...repo, state: "all" });
    await writer.rest.pulls.listFiles({ ...repo, pull_number: 1 });
    await writer.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: MERGE_SHA });
    await writer.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${HEAD_SHA}` });
    await writer.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "v1...v2" });
    await writer.rest.issues.deleteComment({ ...repo, comment_id: comment.id });
    // Error answers have documented schemas too (basic-error, validation-error).
    await failure(writer.rest.issues.getComment({ ...repo, comment_id: comment.id }));
    await failure(writer.rest.issues.createComment({ ...repo, issue_number: 1, body: "z".repeat(70_000) }));
    await failure(reader.rest.issues.createComment({ ...repo, issue_number: 1, body: "fork" }));

    const statuses = gh.requests().map((r) => r.status);
    expect(statuses).toEqual([
      201, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 204, 404, 422, 403,
    ]);
    expect(gh.invalidResponses()).toEqual([]);
    expect(gh.violations()).toEqual([]);
  });

  it("replays injected faults a set number of times, then answers normally", async () => {
    const { gh, writer } = world;
    const fault = gh.injectFault({
      method: "POST",
      path: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
      status: 502,
      times: 2,
    });
    const post = () => writer.rest.issues.createComment({ ...repo, issue_number: 1, body: "retry me" });
    expect((await failure(post())).status).toBe(502);
    expect(fault.remaining()).toBe(1);
    expect((await failure(post())).data).toEqual({
      message: "Server Error",
      documentation_url: "https://docs.github.com/rest",
      status: "502",
    });
    expect((await post()).status).toBe(201);

    gh.injectFault({
      path: /\/pulls\/\d+$/,
      status: 403,
      times: Infinity,
      body: { message: "API rate limit exceeded" },
      headers: { "retry-after": "1" },
    });
    const limited = await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pulls/1`);
    expect(limited).toMatchObject({ status: 403, data: { message: "API rate limit exceeded" } });
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pulls/2`)).status).toBe(403);
    gh.clearFaults();
    expect((await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pulls/2`)).status).toBe(200);

    expect(gh.requests().map((r) => r.fault)).toEqual([true, true, false, true, true, false]);
    expect(gh.comments(OWNER, REPO, 1)).toHaveLength(1);
    expect(gh.invalidResponses()).toEqual([]);
  });
});

describe("lifecycle", () => {
  it("closes promptly while a client holds a keep-alive connection", async () => {
    const gh: GitHubStandIn = await startGitHubStandIn({ tokens: { [WRITE_TOKEN]: "write" } });
    gh.addRepository({ owner: OWNER, repo: REPO });
    const agent = new Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${gh.url}/repos/${OWNER}/${REPO}`,
        { agent, headers: { authorization: `token ${WRITE_TOKEN}` } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
    // Resolves although the agent still holds a keep-alive socket open: close ends idle connections.
    await gh.close();
    agent.destroy();
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  // How fast it starts is measured by `npm run bench`, not asserted here: a loaded machine is slow.
  it("starts from the cached description subset, not the 13 MB description", async () => {
    const gh = await startGitHubStandIn({ tokens: {} });
    await gh.close();
    expect(["memory", "cache"]).toContain(gh.startup.contractSource);
  });
});
