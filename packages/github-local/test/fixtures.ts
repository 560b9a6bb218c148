import { getOctokit } from "@actions/github";
import { type GitHubStandIn, startGitHubStandIn } from "../src/index";

export const WRITE_TOKEN = "ghs_tunegateWriteToken";
export const READ_TOKEN = "ghs_tunegateForkToken";
export const OWNER = "acme";
export const REPO = "support-data";

export const BASE_SHA = "1111111111111111111111111111111111111111";
export const HEAD_SHA = "2222222222222222222222222222222222222222";
export const MERGE_SHA = "3333333333333333333333333333333333333333";
export const FORK_HEAD_SHA = "4444444444444444444444444444444444444444";

export type Octokit = ReturnType<typeof getOctokit>;

export interface World {
  gh: GitHubStandIn;
  writer: Octokit;
  reader: Octokit;
}

/** A repository with PR #1 (same-repo branch) and PR #2 (from a fork), each changing dataset files. */
export async function startWorld(): Promise<World> {
  const gh = await startGitHubStandIn({
    tokens: { [WRITE_TOKEN]: "write", [READ_TOKEN]: "read" },
    clock: () => new Date("2026-11-24T10:00:00Z"),
  });
  gh.addRepository({ owner: OWNER, repo: REPO, defaultBranch: "main" });
  gh.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 1,
    title: "Add refund examples",
    user: "alice",
    head: { sha: HEAD_SHA, ref: "refund-examples" },
    base: { sha: BASE_SHA, ref: "main" },
    files: [
      { filename: "datasets/support/train.jsonl", status: "modified", additions: 120, deletions: 4 },
      { filename: "datasets/support/validation.jsonl", status: "added", additions: 30 },
    ],
  });
  gh.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 2,
    title: "Typos from a contributor",
    user: "mallory",
    head: { sha: FORK_HEAD_SHA, ref: "main", repoFullName: "mallory/support-data" },
    base: { sha: BASE_SHA, ref: "main" },
    files: [{ filename: "datasets/support/train.jsonl", additions: 1, deletions: 1 }],
  });
  return {
    gh,
    writer: getOctokit(WRITE_TOKEN, { baseUrl: gh.url }),
    reader: getOctokit(READ_TOKEN, { baseUrl: gh.url }),
  };
}

/** The status and parsed body of a request that Octokit rejected. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { status?: number; response?: { data?: unknown } };
    if (typeof e.status === "number") return { status: e.status, data: e.response?.data };
    throw error;
  }
  throw new Error("expected the request to fail");
}

/** A plain fetch to the stand-in, for requests Octokit would not send. */
export async function raw(
  gh: GitHubStandIn,
  method: string,
  path: string,
  options: { token?: string | null; body?: string; scheme?: string } = {},
): Promise<{ status: number; data: unknown; headers: Headers }> {
  const headers: Record<string, string> = { accept: "application/vnd.github+json" };
  const token = options.token === undefined ? WRITE_TOKEN : options.token;
  if (token !== null) headers.authorization = `${options.scheme ?? "token"} ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${gh.url}${path}`, { method, headers, body: options.body });
  const text = await response.text();
  return {
    status: response.status,
    data: text === "" ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}
