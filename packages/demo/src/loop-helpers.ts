// Small pieces the demo's steps share: the pull_request event payload, a check run as the conversation
// page shows it, and reading an action's JSON output.
import type { ActionRun } from "@tunegate/testkit";
import { OWNER, PR_BRANCH, PR_NUMBER, PR_TITLE, REPO, REPOSITORY } from "./fixtures";
import type { TimelineItem } from "./loop-types";
import { TOKEN as DEMO_TOKEN } from "./world";

/** The validate action's inputs in the demo's workflow (and the bench's run of it). */
export const VALIDATE_INPUTS = {
  config: "tunegate.yml",
  "github-token": DEMO_TOKEN,
  comment: "true",
  "fail-on": "error",
  all: "false",
  sarif: "",
};

export function pullRequestEvent(headSha: string, baseSha: string) {
  return {
    action: "synchronize",
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      state: "open",
      title: PR_TITLE,
      user: { login: "alice" },
      base: { sha: baseSha, ref: "main", repo: { full_name: REPOSITORY } },
      head: { sha: headSha, ref: PR_BRANCH, repo: { full_name: REPOSITORY } },
    },
    repository: { full_name: REPOSITORY, name: REPO, owner: { login: OWNER } },
    sender: { login: "alice" },
  };
}

export function checkItem(name: string, run: ActionRun): TimelineItem {
  const failure = run.annotations.find((a) => a.level === "error" && !a.properties.file);
  const counts = (["error", "warning", "notice"] as const)
    .map((level) => [level, run.annotations.filter((a) => a.level === level).length] as const)
    .filter(([, n]) => n > 0)
    .map(([level, n]) => `${n} ${level}${n === 1 ? "" : "s"}`);
  const summary = run.code === 0 ? "Successful" : `Failing: ${failure?.message ?? `exit code ${run.code}`}`;
  return {
    kind: "check",
    name,
    ok: run.code === 0,
    summary: counts.length > 0 ? `${summary} · annotations: ${counts.join(", ")}` : summary,
    annotations: run.annotations,
  };
}

export function parseJson<T>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** The train action's run on a push to main, as the demo's merges trigger it. */
export function pushTrain(options: {
  script: string;
  workspace: string;
  apiUrl: string;
  before: string;
  after: string;
  models: string;
  env: Record<string, string>;
}): Parameters<typeof import("@tunegate/testkit").runAction>[0] {
  return {
    script: options.script,
    workspace: options.workspace,
    repository: REPOSITORY,
    apiUrl: options.apiUrl,
    eventName: "push",
    event: {
      ref: "refs/heads/main",
      before: options.before,
      after: options.after,
      repository: { full_name: REPOSITORY },
    },
    sha: options.after,
    ref: "refs/heads/main",
    inputs: {
      config: "tunegate.yml",
      models: options.models,
      "dry-run": "false",
      wait: "0",
      "github-token": DEMO_TOKEN,
      comment: "true",
    },
    env: options.env,
  };
}
