// A world for the train action's end-to-end tests: s3rver behind a fault proxy, the Bedrock stand-in
// reading from that s3rver, the GitHub stand-in, and a real git repository whose main branch receives
// merge commits of dataset pull requests.
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type GitHubStandIn, startGitHubStandIn } from "@tunegate/github-local";
import {
  type ActionRun,
  type FaultProxy,
  GitRepo,
  type LocalS3,
  runAction,
  startFaultProxy,
  startS3,
} from "@tunegate/testkit";

export const SCRIPT = fileURLToPath(new URL("../dist/index.js", import.meta.url));
export const OWNER = "acme";
export const REPO = "data";
export const BUCKET = "tunegate-data";
export const ROLE_ARN = "arn:aws:iam::123456789012:role/TunegateBedrock";
export const TOKEN = "gh-write-token";
export const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
/** The suite's base model: one that trains today (Claude 3 Haiku is legacy; see the lifecycle tests). */
export const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
export const NOVA_2_LITE = "amazon.nova-2-lite-v1:0:256k";

const route = (i: number) => `ROUTE: ${["billing", "tech", "sales"][i % 3]}`;
/** A record in Nova's bedrock-conversation-2024 format. */
export const record = (i: number, tag = "") =>
  JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    messages: [
      { role: "user", content: [{ text: `Ticket ${i}${tag}: my invoice is wrong` }] },
      { role: "assistant", content: [{ text: route(i) }] },
    ],
  });
export const lines = (n: number, tag = "") =>
  `${Array.from({ length: n }, (_, i) => record(i, tag)).join("\n")}\n`;
/** The same records in Claude 3 Haiku's format. */
export const haikuLines = (n: number, tag = "") =>
  `${Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `Ticket ${i}${tag}: my invoice is wrong` },
        { role: "assistant", content: route(i) },
      ],
    }),
  ).join("\n")}\n`;

export interface BaseSettings {
  baseModel: string;
  region: string;
}
const NOVA_LITE_DEFAULTS: BaseSettings = { baseModel: NOVA_LITE, region: "us-east-1" };
export const HAIKU_DEFAULTS: BaseSettings = { baseModel: HAIKU, region: "us-west-2" };
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function config(
  models: Record<string, { training: string; validation?: string; extra?: string }>,
  base: BaseSettings = NOVA_LITE_DEFAULTS,
): string {
  const body = Object.entries(models)
    .map(
      ([name, m]) =>
        `  ${name}:\n    training: ${m.training}\n${m.validation ? `    validation: ${m.validation}\n` : ""}${m.extra ?? ""}`,
    )
    .join("");
  return `version: 1
defaults:
  baseModel: ${base.baseModel}
  region: ${base.region}
  s3:
    bucket: ${BUCKET}
    prefix: tunegate/
  roleArn: ${ROLE_ARN}
  tags:
    team: support
models:
${body}`;
}

export interface World {
  s3: LocalS3;
  proxy: FaultProxy;
  bedrock: BedrockStandIn;
  github: GitHubStandIn;
  repo: GitRepo;
  /** Merges a pull request that writes `files` into main; returns the merge commit and its parent. */
  mergePullRequest(number: number, files: Record<string, string>): { merge: string; before: string };
  /** Pushes a commit straight to main (no pull request). */
  push(files: Record<string, string>): { merge: string; before: string };
  run(options: {
    sha: string;
    before: string;
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    /** Another checkout of the repository (default: the repository itself). */
    workspace?: string;
  }): Promise<ActionRun>;
  bedrockCalls(operation: string): ReturnType<BedrockStandIn["requests"]>;
  close(): Promise<void>;
}

/**
 * `region`: the Region the Bedrock stand-in plays and AWS_REGION names (the models' Region).
 * `jobDurationMs`: how long a job runs on the stand-in's clock (a test may advance it instead).
 */
export async function startWorld(
  initial: Record<string, string>,
  region = "us-east-1",
  // An hour of virtual time: a job stays InProgress however slow the machine is, until a test moves
  // the stand-in's clock on with `advance`.
  jobDurationMs = 60 * 60_000,
): Promise<World> {
  const s3 = await startS3({ buckets: [BUCKET] });
  const proxy = await startFaultProxy(s3.endpoint);
  const bedrock = await startBedrockStandIn({
    region,
    s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
    jobDurationMs,
  });
  const github = await startGitHubStandIn({ tokens: { [TOKEN]: "write" } });
  github.addRepository({ owner: OWNER, repo: REPO, defaultBranch: "main" });
  const repo = new GitRepo();
  repo.write(initial).commit("Initial datasets");

  const world: World = {
    s3,
    proxy,
    bedrock,
    github,
    repo,
    mergePullRequest(number, files) {
      const before = repo.head();
      const branch = `pr-${number}`;
      repo.checkout(branch, true);
      const head = repo.write(files).commit(`Pull request ${number}`);
      repo.checkout("main");
      const merge = repo.merge(branch, `Merge pull request #${number} from acme/${branch}`);
      github.addPullRequest({
        owner: OWNER,
        repo: REPO,
        number,
        title: `Dataset update ${number}`,
        user: "alice",
        head: { sha: head, ref: branch },
        base: { sha: before, ref: "main" },
        files: Object.keys(files).map((filename) => ({ filename, additions: 1 })),
      });
      github.mergePullRequest({ owner: OWNER, repo: REPO, number, mergeCommitSha: merge });
      return { merge, before };
    },
    push(files) {
      const before = repo.head();
      return { merge: repo.write(files).commit("Direct push"), before };
    },
    run({ sha, before, inputs, env, workspace }) {
      return runAction({
        script: SCRIPT,
        workspace: workspace ?? repo.dir,
        repository: `${OWNER}/${REPO}`,
        apiUrl: github.url,
        sha,
        ref: "refs/heads/main",
        eventName: "push",
        event: { ref: "refs/heads/main", before, after: sha, repository: { full_name: `${OWNER}/${REPO}` } },
        inputs: { "github-token": TOKEN, ...inputs },
        env: {
          AWS_REGION: region,
          AWS_ENDPOINT_URL_S3: proxy.url,
          AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
          // s3rver accepts its own key pair; the Bedrock stand-in takes any.
          AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
          ...env,
        },
      });
    },
    bedrockCalls: (operation) => bedrock.requests().filter((r) => r.operation === operation),
    async close() {
      await github.close();
      await bedrock.close();
      await proxy.close();
      await s3.close();
      repo.dispose();
    },
  };
  return world;
}
