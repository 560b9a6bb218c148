import { readFileSync } from "node:fs";
import { UserError } from "@tunegate/core";

/** What the runner tells a step about where it runs: read from the environment, not cached globals. */
export interface RunnerContext {
  owner: string;
  repo: string;
  /** `owner/repo`. */
  repository: string;
  eventName: string;
  /** The event payload (untyped: each action checks the fields it reads). */
  event: Record<string, unknown>;
  sha: string;
  ref: string;
  /** REST API base, e.g. https://api.github.com or a GitHub Enterprise Server's /api/v3. */
  apiUrl: string;
  serverUrl: string;
  workspace: string;
  /** A directory the runner empties after the job. */
  tempDir: string;
  runUrl: string | undefined;
}

export class ContextError extends UserError {
  override name = "ContextError";
}

export function runnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = repository.split("/");
  if (!owner || !repo) {
    throw new ContextError(
      "GITHUB_REPOSITORY is not set to owner/repo: run this inside a GitHub Actions workflow.",
    );
  }
  let event: Record<string, unknown> = {};
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      event = JSON.parse(readFileSync(eventPath, "utf8")) as Record<string, unknown>;
    } catch (err) {
      throw new ContextError(`The event payload at ${eventPath} cannot be read: ${(err as Error).message}`);
    }
  }
  const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
  const runId = env.GITHUB_RUN_ID;
  return {
    owner,
    repo,
    repository,
    eventName: env.GITHUB_EVENT_NAME ?? "",
    event,
    sha: env.GITHUB_SHA ?? "",
    ref: env.GITHUB_REF ?? "",
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    serverUrl,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    tempDir: env.RUNNER_TEMP ?? process.cwd(),
    runUrl: runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
  };
}

/** The pull request of a `pull_request` (or `pull_request_target`) event, when there is one. */
export interface PullRequestEvent {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
  headRef: string;
  /** True when the head branch lives in another repository (a fork): its token is read-only. */
  fromFork: boolean;
}

export function pullRequestOf(context: RunnerContext): PullRequestEvent | undefined {
  const pr = context.event.pull_request as Record<string, unknown> | undefined;
  if (!pr || typeof pr.number !== "number") return undefined;
  const base = (pr.base ?? {}) as Record<string, unknown>;
  const head = (pr.head ?? {}) as Record<string, unknown>;
  const headRepo = (head.repo ?? {}) as Record<string, unknown>;
  return {
    number: pr.number,
    baseSha: String(base.sha ?? ""),
    headSha: String(head.sha ?? ""),
    baseRef: String(base.ref ?? ""),
    headRef: String(head.ref ?? ""),
    fromFork: typeof headRepo.full_name === "string" && headRepo.full_name !== context.repository,
  };
}
