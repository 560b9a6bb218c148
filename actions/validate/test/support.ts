// The world the validate action runs in during tests: the GitHub stand-in, an "origin" repository with
// a base commit on main and a pull request branch, and a clone of it as the runner's workspace.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type GitHubStandIn, startGitHubStandIn } from "@tunegate/github-local";
import { type ActionRun, GitRepo, runAction } from "@tunegate/testkit";

export const ACTION = fileURLToPath(new URL("../dist/index.js", import.meta.url));
export const OWNER = "acme";
export const REPO = "support-data";
export const REPOSITORY = `${OWNER}/${REPO}`;
export const WRITE_TOKEN = "write-token";
export const READ_TOKEN = "fork-token";
export const MARKER = "<!-- tunegate:validate -->";

export const record = (user: string, assistant: string, system = "Route the support ticket.") =>
  JSON.stringify({
    system,
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

export const tickets = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) => record(`ticket ${i + offset}`, `ROUTE: q${(i + offset) % 3}`));

export const lines = (records: readonly string[]) => `${records.join("\n")}\n`;

export const CONFIG = (epochs: number) => `version: 1
defaults:
  region: us-west-2
  s3: { bucket: acme-training, prefix: tunegate/ }
  roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
models:
  support-router:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    training: data/router/train.jsonl
    validation: data/router/validation.jsonl
    labels: "^ROUTE: (\\\\S+)"
    hyperparameters:
      epochCount: ${epochs}
  summarizer:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    training: data/summarizer/train.jsonl
`;

export interface PullRequestRepo {
  origin: GitRepo;
  baseSha: string;
  headSha: string;
  branch: string;
}

/** An origin repository: `base` committed on main, then `head` on a branch. */
export function pullRequestRepo(
  base: Record<string, string>,
  head: Record<string, string>,
  options: { remove?: string[]; branch?: string } = {},
): PullRequestRepo {
  const origin = new GitRepo();
  origin.write(base);
  const baseSha = origin.commit("Base datasets");
  const branch = options.branch ?? "more-routes";
  origin.checkout(branch, true);
  origin.write(head);
  if (options.remove) origin.remove(...options.remove);
  const headSha = origin.commit("Change datasets");
  // GitHub serves any reachable commit to `git fetch <sha>`; a local repository must be told to.
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");
  return { origin, baseSha, headSha, branch };
}

const clones: string[] = [];

/** The runner's checkout: a clone of the PR branch (full, or one commit deep as actions/checkout makes). */
export function checkout(repo: PullRequestRepo, options: { shallow?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-workspace-"));
  clones.push(dir);
  const args = ["clone", "-q", "--branch", repo.branch];
  if (options.shallow) args.push("--depth=1");
  execFileSync("git", [...args, `file://${repo.origin.dir}`, dir]);
  return dir;
}

export function removeClones(): void {
  for (const dir of clones.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A `pull_request` event payload as GitHub sends it (the fields the action reads, and their neighbours). */
export function pullRequestEvent(repo: PullRequestRepo, number: number, headRepo = REPOSITORY) {
  return {
    action: "synchronize",
    number,
    pull_request: {
      number,
      state: "open",
      title: "More routes",
      user: { login: "alice" },
      base: { sha: repo.baseSha, ref: "main", repo: { full_name: REPOSITORY } },
      head: { sha: repo.headSha, ref: repo.branch, repo: { full_name: headRepo } },
    },
    repository: { full_name: REPOSITORY, name: REPO, owner: { login: OWNER } },
    sender: { login: "alice" },
  };
}

export async function startGitHub(): Promise<GitHubStandIn> {
  const gh = await startGitHubStandIn({ tokens: { [WRITE_TOKEN]: "write", [READ_TOKEN]: "read" } });
  gh.addRepository({ owner: OWNER, repo: REPO, defaultBranch: "main" });
  return gh;
}

export function addPullRequest(
  gh: GitHubStandIn,
  repo: PullRequestRepo,
  number: number,
  files: string[] = [],
) {
  gh.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number,
    title: "More routes",
    user: "alice",
    head: { sha: repo.headSha, ref: repo.branch },
    base: { sha: repo.baseSha, ref: "main" },
    files: files.map((filename) => ({ filename, status: "modified", additions: 1 })),
  });
}

export interface ValidateRun extends ActionRun {
  reportMarkdown: string;
  reportJson: Record<string, unknown>;
}

/** Runs the committed bundle on Node 24 for a pull request event, and reads the report files back. */
export async function validate(options: {
  gh: GitHubStandIn;
  repo: PullRequestRepo;
  workspace: string;
  number: number;
  inputs?: Record<string, string>;
  token?: string;
  event?: unknown;
  eventName?: string;
  env?: Record<string, string>;
}): Promise<ValidateRun> {
  const run = await runAction({
    script: ACTION,
    workspace: options.workspace,
    repository: REPOSITORY,
    apiUrl: options.gh.url,
    eventName: options.eventName ?? "pull_request",
    event: options.event ?? pullRequestEvent(options.repo, options.number),
    sha: options.repo.headSha,
    ref: `refs/pull/${options.number}/merge`,
    ...(options.env ? { env: options.env } : {}),
    inputs: {
      config: "tunegate.yml",
      "github-token": options.token ?? WRITE_TOKEN,
      comment: "true",
      "fail-on": "error",
      all: "false",
      sarif: "",
      ...options.inputs,
    },
  });
  const read = (path: string | undefined) => (path ? readFileSync(path, "utf8") : "");
  return {
    ...run,
    reportMarkdown: read(run.outputs.report),
    reportJson: run.outputs["report-json"] ? JSON.parse(read(run.outputs["report-json"])) : {},
  };
}
