import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { failure, OWNER, REPO, raw, startWorld, type World, WRITE_TOKEN } from "./fixtures";

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.gh.close();
});

const where = { owner: OWNER, repo: REPO, issue_number: 1 };

describe("issue comments", () => {
  it("creates, lists, reads, edits and deletes a comment the way GitHub does", async () => {
    const { gh, writer } = world;
    const created = await writer.rest.issues.createComment({
      ...where,
      body: "## tunegate report\n\nrunning",
    });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(
      `${gh.url}/repos/${OWNER}/${REPO}/issues/comments/${created.data.id}`,
    );
    expect(created.data).toMatchObject({
      body: "## tunegate report\n\nrunning",
      html_url: `https://github.com/${OWNER}/${REPO}/pull/1#issuecomment-${created.data.id}`,
      issue_url: `${gh.url}/repos/${OWNER}/${REPO}/issues/1`,
      user: { login: "github-actions[bot]", id: 41898282, type: "Bot", node_id: "MDM6Qm90NDE4OTgyODI=" },
      created_at: "2026-11-24T10:00:00Z",
    });
    expect(Buffer.from(created.data.node_id, "base64").toString()).toBe(`012:IssueComment${created.data.id}`);

    const id = created.data.id;
    await writer.rest.issues.updateComment({ owner: OWNER, repo: REPO, comment_id: id, body: "passed 1/2" });
    const edited = await writer.rest.issues.updateComment({
      owner: OWNER,
      repo: REPO,
      comment_id: id,
      body: "passed 2/2",
    });
    expect(edited.data.body).toBe("passed 2/2");
    expect(
      (await writer.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: id })).data.body,
    ).toBe("passed 2/2");

    const listed = await writer.rest.issues.listComments(where);
    expect(listed.data.map((c) => c.id)).toEqual([id]);
    expect(gh.comments(OWNER, REPO, 1)).toEqual([
      expect.objectContaining({
        id,
        body: "passed 2/2",
        edits: 2,
        previousBodies: ["## tunegate report\n\nrunning", "passed 1/2"],
      }),
    ]);

    const deleted = await writer.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: id });
    expect(deleted.status).toBe(204);
    expect(gh.comments(OWNER, REPO, 1)).toEqual([]);
    expect(
      (await failure(writer.rest.issues.getComment({ owner: OWNER, repo: REPO, comment_id: id }))).data,
    ).toEqual({
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/issues/comments#get-an-issue-comment",
      status: "404",
    });

    const posts = gh.requests().filter((r) => r.method === "POST");
    expect(posts).toEqual([
      expect.objectContaining({
        path: `/repos/${OWNER}/${REPO}/issues/1/comments`,
        operation: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
        body: { body: "## tunegate report\n\nrunning" },
        token: WRITE_TOKEN,
        status: 201,
      }),
    ]);
    expect(gh.violations()).toEqual([]);
  });

  it("finds a comment left by an earlier run among the seeded ones", async () => {
    const { gh, writer } = world;
    gh.addComment({ owner: OWNER, repo: REPO, issueNumber: 1, body: "LGTM", user: "bob" });
    const earlier = gh.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: 1,
      body: "<!-- tunegate -->\nold",
    });
    const comments = await writer.paginate(writer.rest.issues.listComments, where);
    const mine = comments.find((c) => c.body?.startsWith("<!-- tunegate -->"));
    expect(mine?.id).toBe(earlier);
    expect(comments.map((c) => c.user?.login)).toEqual(["bob", "github-actions[bot]"]);
  });

  it("paginates 250 comments with per_page, page and a Link header", async () => {
    const { gh, writer } = world;
    for (let i = 1; i <= 250; i++)
      gh.addComment({ owner: OWNER, repo: REPO, issueNumber: 1, body: `comment ${i}` });

    const all = await writer.paginate(writer.rest.issues.listComments, { ...where, per_page: 100 });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 250 }, (_, i) => `comment ${i + 1}`));
    const pages = gh.requests().map((r) => r.query.page ?? "1");
    expect(pages).toEqual(["1", "2", "3"]);

    const second = await writer.rest.issues.listComments({ ...where, per_page: 100, page: 2 });
    expect(second.data).toHaveLength(100);
    const link = second.headers.link ?? "";
    const rels = Object.fromEntries(
      [...link.matchAll(/<([^>]+)>; rel="(\w+)"/g)].map(([, url, rel]) => [
        rel,
        new URL(url ?? "").searchParams.get("page"),
      ]),
    );
    expect(rels).toEqual({ prev: "1", next: "3", last: "3", first: "1" });

    const defaults = await writer.rest.issues.listComments(where);
    expect(defaults.data).toHaveLength(30); // GitHub's default page size
    const capped = await writer.rest.issues.listComments({ ...where, per_page: 500 });
    expect(capped.data).toHaveLength(100); // and its maximum
    expect(gh.violations()).toEqual([]);
  });

  it("refuses a body over 65,536 characters with GitHub's validation error and keeps the old body", async () => {
    const { gh, writer } = world;
    const atLimit = await writer.rest.issues.createComment({ ...where, body: "x".repeat(65_536) });
    expect(atLimit.status).toBe(201);

    const tooLong = await failure(writer.rest.issues.createComment({ ...where, body: "x".repeat(65_537) }));
    expect(tooLong).toEqual({
      status: 422,
      data: {
        message: "Validation Failed",
        errors: [
          {
            resource: "IssueComment",
            code: "unprocessable",
            field: "data",
            message: "Body is too long (maximum is 65536 characters)",
          },
        ],
        documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
        status: "422",
      },
    });
    // Counted in UTF-16 code units: 32,769 emoji are 65,538 units, over the limit.
    expect(
      (await failure(writer.rest.issues.createComment({ ...where, body: "🌈".repeat(32_769) }))).status,
    ).toBe(422);

    const id = atLimit.data.id;
    const edit = await failure(
      writer.rest.issues.updateComment({
        owner: OWNER,
        repo: REPO,
        comment_id: id,
        body: `${"y".repeat(65_536)}!`,
      }),
    );
    expect(edit.status).toBe(422);
    expect(gh.comments(OWNER, REPO, 1)).toEqual([
      expect.objectContaining({ id, edits: 0, body: "x".repeat(65_536) }),
    ]);

    const blank = await failure(writer.rest.issues.createComment({ ...where, body: "  \n" }));
    expect(blank.data).toMatchObject({ errors: [{ message: "Body cannot be blank" }] });
    // These requests follow the schema: GitHub's own limits are not contract violations.
    expect(gh.violations()).toEqual([]);
  });

  it("answers 422 'Invalid request.' for a body that breaks the schema and records the violation", async () => {
    const { gh } = world;
    const path = `/repos/${OWNER}/${REPO}/issues/1/comments`;
    const numeric = await raw(gh, "POST", path, { body: JSON.stringify({ body: 123 }) });
    expect(numeric).toMatchObject({
      status: 422,
      data: {
        message: "Invalid request.\n\nFor 'properties/body', 123 is not a string.",
        documentation_url: "https://docs.github.com/rest/issues/comments#create-an-issue-comment",
        status: "422",
      },
    });
    const missing = await raw(gh, "POST", path, { body: JSON.stringify({ text: "hi" }) });
    expect((missing.data as { message: string }).message).toBe(
      'Invalid request.\n\n"body" wasn\'t supplied.',
    );
    const nil = await raw(gh, "PATCH", `/repos/${OWNER}/${REPO}/issues/comments/1`, {
      body: '{"body":null}',
    });
    expect((nil.data as { message: string }).message).toBe(
      "Invalid request.\n\nFor 'properties/body', nil is not a string.",
    );
    const garbled = await raw(gh, "POST", path, { body: "{body:" });
    expect(garbled).toMatchObject({ status: 400, data: { message: "Problems parsing JSON" } });

    expect(gh.comments(OWNER, REPO, 1)).toEqual([]);
    expect(gh.violations().map((v) => v.kind)).toEqual([
      "invalid-body",
      "invalid-body",
      "invalid-body",
      "unparsable-body",
    ]);
    expect(gh.violations()[0]).toMatchObject({
      method: "POST",
      path,
      operation: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    });
  });

  it("answers 404 for comments on an issue or repository that does not exist", async () => {
    const { gh, writer } = world;
    expect(
      (await failure(writer.rest.issues.createComment({ ...where, issue_number: 99, body: "hi" }))).status,
    ).toBe(404);
    expect((await failure(writer.rest.issues.listComments({ ...where, repo: "nope" }))).status).toBe(404);
    expect(gh.violations()).toEqual([]);
  });
});
