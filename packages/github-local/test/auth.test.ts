import { getOctokit } from "@actions/github";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, OWNER, READ_TOKEN, REPO, raw, startWorld, type World } from "./fixtures";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.gh.close();
});

const where = { owner: OWNER, repo: REPO, issue_number: 2 };

describe("tokens", () => {
  it("gives a read-only token (a fork PR's GITHUB_TOKEN) 403 on every write, and reads", async () => {
    const { gh, reader } = world;
    const id = gh.addComment({ owner: OWNER, repo: REPO, issueNumber: 2, body: "earlier report" });
    const refused = await failure(reader.rest.issues.createComment({ ...where, body: "report" }));
    expect(refused).toEqual({
      status: 403,
      data: {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
        status: "403",
      },
    });
    expect(
      (
        await failure(
          reader.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: id, body: "x" }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await failure(reader.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: id }))).status,
    ).toBe(403);

    expect((await reader.rest.issues.listComments(where)).data.map((c) => c.body)).toEqual([
      "earlier report",
    ]);
    expect(gh.comments(OWNER, REPO, 2)).toEqual([
      expect.objectContaining({ body: "earlier report", edits: 0 }),
    ]);
    expect(gh.requests().map((r) => [r.method, r.token, r.status])).toEqual([
      ["POST", READ_TOKEN, 403],
      ["PATCH", READ_TOKEN, 403],
      ["DELETE", READ_TOKEN, 403],
      ["GET", READ_TOKEN, 200],
    ]);
    expect(gh.violations()).toEqual([]);
  });

  it("answers 401 Bad credentials to an unknown token", async () => {
    const { gh } = world;
    const stranger = getOctokit("ghp_notIssuedHere", { baseUrl: gh.url });
    expect(await failure(stranger.rest.repos.get({ owner: OWNER, repo: REPO }))).toEqual({
      status: 401,
      data: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" },
    });
    expect(gh.violations()).toEqual([]);
  });

  it("accepts the Bearer scheme and tokens added later, acting as the account they name", async () => {
    const { gh } = world;
    gh.addToken("ghp_carol", { access: "write", login: "carol" });
    const response = await raw(gh, "POST", `/repos/${OWNER}/${REPO}/issues/1/comments`, {
      token: "ghp_carol",
      scheme: "Bearer",
      body: JSON.stringify({ body: "from carol" }),
    });
    expect(response).toMatchObject({ status: 201, data: { user: { login: "carol", type: "User" } } });
    expect(response.headers.get("x-ratelimit-remaining")).toBe("4999");
  });

  it("answers 401 and records a violation when the Authorization header is missing", async () => {
    const { gh } = world;
    const response = await raw(gh, "GET", `/repos/${OWNER}/${REPO}/pulls/1`, { token: null });
    expect(response).toMatchObject({ status: 401, data: { message: "Requires authentication" } });
    expect(gh.violations()).toEqual([
      expect.objectContaining({
        kind: "missing-authorization",
        method: "GET",
        path: `/repos/${OWNER}/${REPO}/pulls/1`,
      }),
    ]);
  });
});

describe("GET /user", () => {
  it("names a user token's account, and refuses an installation token as GitHub does", async () => {
    const { gh } = world;
    gh.addToken("ghp_alice", { access: "write", login: "alice" });
    const alice = getOctokit("ghp_alice", { baseUrl: gh.url });
    const me = await alice.rest.users.getAuthenticated();
    expect(me.data).toEqual(expect.objectContaining({ login: "alice", type: "User" }));
    expect(await failure(world.reader.rest.users.getAuthenticated())).toEqual({
      status: 403,
      data: {
        message: "Resource not accessible by integration",
        documentation_url: expect.stringContaining("https://docs.github.com/rest/users/users"),
        status: "403",
      },
    });
    expect(gh.violations()).toEqual([]);
  });
});
