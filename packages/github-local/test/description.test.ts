import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RouteTable } from "../src/contract/route-table";
import { ContractValidators } from "../src/contract/validators";
import { loadContract } from "../src/description/load-contract";
import { normalizeSchema } from "../src/description/normalize-schema";
import { SERVED_OPERATIONS } from "../src/handlers/index";
import { OWNER, REPO, startWorld } from "./fixtures";

const scratch = mkdtempSync(join(tmpdir(), "github-local-description-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the OpenAPI description subset", () => {
  it("is extracted once from the 13 MB description, then read from a small cache", () => {
    const cold = loadContract(SERVED_OPERATIONS, { cacheDirectories: [scratch], memo: false });
    const warm = loadContract(SERVED_OPERATIONS, { cacheDirectories: [scratch], memo: false });
    expect(cold.source).toBe("description");
    expect(warm.source).toBe("cache");
    expect(warm.subset).toEqual(cold.subset);
    console.info(
      `description subset: extracted in ${cold.loadMs.toFixed(0)} ms, read from cache in ${warm.loadMs.toFixed(1)} ms`,
    );

    const { subset } = warm;
    expect(Object.keys(subset.operations).sort()).toEqual([...SERVED_OPERATIONS].sort());
    expect(subset.routes.length).toBeGreaterThan(700); // every documented path, to tell undocumented from unserved
    expect(Object.keys(subset.schemas)).toEqual(
      expect.arrayContaining(["issue-comment", "pull-request", "diff-entry"]),
    );
    expect(Object.keys(subset.schemas)).not.toContain("workflow-run"); // only what the served operations reach
    expect(subset.operations["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"]).toMatchObject({
      operationId: "issues/update-comment",
      documentationUrl: "https://docs.github.com/rest/issues/comments#update-an-issue-comment",
      requestBody: { required: true, schema: { type: "object", required: ["body"] } },
    });
  });

  it("turns OpenAPI's nullable into JSON Schema types Ajv accepts", () => {
    expect(normalizeSchema({ type: "string", nullable: true, description: "d", example: "x" })).toEqual({
      type: ["string", "null"],
    });
    expect(normalizeSchema({ type: "string", enum: ["a"], nullable: true })).toEqual({
      type: ["string", "null"],
      enum: ["a", null],
    });
    expect(normalizeSchema({ nullable: true, oneOf: [{ $ref: "#/components/schemas/a" }] })).toEqual({
      anyOf: [{ type: "null" }, { oneOf: [{ $ref: "#/components/schemas/a" }] }],
    });
    // Property names are data, not keywords: a property called "description" survives.
    expect(
      normalizeSchema({ type: "object", properties: { description: { type: "string", nullable: true } } }),
    ).toEqual({
      type: "object",
      properties: { description: { type: ["string", "null"] } },
    });
  });

  it("matches request paths to the most specific documented template", () => {
    const table = new RouteTable(loadContract(SERVED_OPERATIONS).subset.routes);
    expect(table.match("/repos/o/r/issues/comments/5", "PATCH")?.template).toBe(
      "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    );
    expect(table.match("/repos/o/r/issues/comments", "GET")?.template).toBe(
      "/repos/{owner}/{repo}/issues/comments",
    );
    expect(table.match("/repos/o/r/issues/7/comments", "POST")).toMatchObject({
      template: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
      params: { owner: "o", repo: "r", issue_number: "7" },
    });
    expect(table.match("/repos/o/r/commits/abc123/pulls", "GET")?.template).toBe(
      "/repos/{owner}/{repo}/commits/{commit_sha}/pulls",
    );
    expect(table.match("/repos/o/r/compare/main...feat%2Fx", "GET")?.params).toMatchObject({
      base: "main",
      head: "feat/x",
    });
    expect(table.match("/repos/o/r/no-such-thing", "GET")).toBeNull();
  });

  it("catches a response that lacks what clients read", async () => {
    const { subset } = loadContract(SERVED_OPERATIONS);
    const validators = new ContractValidators(subset);
    const op = subset.operations["GET /repos/{owner}/{repo}/pulls/{pull_number}"];
    if (!op) throw new Error("pulls/get is served");
    const validate = validators.response(op, 200);
    if (!validate) throw new Error("pulls/get documents a 200 body");

    const world = await startWorld();
    try {
      const { data } = await world.reader.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: 1 });
      expect(validate(data)).toBe(true);
      const { node_id: _dropped, ...withoutNodeId } = data;
      expect(validate(withoutNodeId)).toBe(false);
      expect(validate({ ...data, merged: "yes" })).toBe(false);
      expect(
        validate({ ...data, head: { ...data.head, repo: { ...data.head.repo, owner: { login: "x" } } } }),
      ).toBe(false);
      expect(validate({ ...data, created_at: "yesterday" })).toBe(false);
      expect(validators.response(op, 304)).toBeNull();
    } finally {
      await world.gh.close();
    }
  });
});
