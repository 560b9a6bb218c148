/**
 * The actions as a user's workflow runs them, measured for `npm run bench`: the validate action on the
 * demo's pull request (base and head read from git, the diff, the comment posted to the GitHub stand-in),
 * and the train action's re-run on the merge commit, when its data is already in S3 and its job exists
 * (nothing to upload, no job started). Each step runs on Node 24 under /usr/bin/time.
 *   node actions-bench.mjs ACTIONS_DIST RUNS
 * Prints one JSON line per step: { label, cpu, wall, rss, goal } (seconds, MiB; medians, peak RSS max).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitRepo, type RunActionOptions, runAction } from "@tunegate/testkit";
import {
  baseFiles,
  OWNER,
  PR_BRANCH,
  PR_NUMBER,
  PR_TITLE,
  prTrain,
  REPO,
  REPOSITORY,
  TRAIN,
} from "../src/fixtures";
import { pullRequestEvent, VALIDATE_INPUTS } from "../src/loop-helpers";
import { evaluationAnswers } from "../src/model-answers";
import { startWorld, TOKEN } from "../src/world";

const [dist, runsArg] = process.argv.slice(2);
if (!dist) throw new Error("usage: actions-bench ACTIONS_DIST [RUNS]");
const runs = Number(runsArg ?? 5);
const root = process.env.TUNEGATE_ROOT ?? process.cwd();
const world = await startWorld(evaluationAnswers().respond);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(label: string, goal: string, options: RunActionOptions, expect: number) {
  const usage = join(world.root, "usage");
  const figures: { cpu: number; wall: number; rss: number }[] = [];
  // One warm-up run (the first also settles git's and the stand-ins' caches), then the counted runs.
  for (let i = 0; i <= runs; i++) {
    const ran = await runAction({ ...options, prefix: ["/usr/bin/time", "-f", "%e %U %S %M", "-o", usage] });
    if (ran.code !== expect) throw new Error(`${label}: exit ${ran.code}\n${ran.stdout}\n${ran.stderr}`);
    const [wall, user, sys, kb] = readFileSync(usage, "utf8")
      .trim()
      .split("\n")
      .pop()!
      .split(" ")
      .map(Number);
    if (i > 0) figures.push({ cpu: user! + sys!, wall: wall!, rss: kb! / 1024 });
  }
  const rss = Math.max(...figures.map((f) => f.rss));
  const result = {
    label,
    cpu: median(figures.map((f) => f.cpu)),
    wall: median(figures.map((f) => f.wall)),
    rss,
    goal,
  };
  console.log(JSON.stringify(result));
}

try {
  const { github } = world;
  const origin = new GitRepo(mkdtempSync(join(tmpdir(), "origin-")));
  origin.write(baseFiles(root));
  const baseSha = origin.commit("Support-router datasets and tunegate.yml");
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");
  origin.checkout(PR_BRANCH, true);
  origin.write({ [TRAIN]: prTrain(root, false) });
  const headSha = origin.commit("Add warranty, parcel-locker and data-export tickets");
  github.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    title: PR_TITLE,
    user: "alice",
    head: { sha: headSha, ref: PR_BRANCH },
    base: { sha: baseSha, ref: "main" },
    files: [{ filename: TRAIN, status: "modified", additions: 6 }],
  });
  const checkout = (branch: string) => {
    const dir = mkdtempSync(join(tmpdir(), "workspace-"));
    execFileSync("git", ["clone", "-q", "--branch", branch, `file://${origin.dir}`, dir]);
    return dir;
  };
  const common = { repository: REPOSITORY, apiUrl: github.url };
  await timed(
    "validate action on the example pull request (base, head, diff, comment)",
    "< 1 s of process time",
    {
      ...common,
      script: join(dist, "validate.js"),
      workspace: checkout(PR_BRANCH),
      eventName: "pull_request",
      event: pullRequestEvent(headSha, baseSha),
      sha: headSha,
      ref: `refs/pull/${PR_NUMBER}/merge`,
      inputs: VALIDATE_INPUTS,
      env: { TMPDIR: world.root },
    },
    0,
  );

  origin.checkout("main");
  const mergeSha = origin.merge(PR_BRANCH, `Merge pull request #${PR_NUMBER} from ${OWNER}/${PR_BRANCH}`);
  github.mergePullRequest({
    owner: OWNER,
    repo: REPO,
    number: PR_NUMBER,
    mergeCommitSha: mergeSha,
    mergedBy: "bob",
  });
  const train: RunActionOptions = {
    ...common,
    script: join(dist, "train.js"),
    workspace: checkout("main"),
    eventName: "push",
    event: {
      ref: "refs/heads/main",
      before: baseSha,
      after: mergeSha,
      repository: { full_name: REPOSITORY },
    },
    sha: mergeSha,
    ref: "refs/heads/main",
    inputs: {
      config: "tunegate.yml",
      models: "",
      "dry-run": "false",
      wait: "0",
      "github-token": TOKEN,
      comment: "true",
    },
    env: world.awsEnv,
  };
  // The merge's own run uploads the data and starts the job; the timed runs find both done.
  const first = await runAction(train);
  if (first.code !== 0) throw new Error(`train action: exit ${first.code}\n${first.stdout}\n${first.stderr}`);
  await timed("train action re-run on the merge (nothing to upload)", "< 0.5 s of process time", train, 0);
} finally {
  await world.close();
}
