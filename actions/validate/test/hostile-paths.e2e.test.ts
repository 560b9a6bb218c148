// A pull request controls every path in its tree: datasets and tunegate.yml that are links out of the
// checkout are refused before a byte of them is read, and no file name can start a workflow command.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GitHubStandIn } from "@tunegate/github-local";
import { GitRepo } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPullRequest,
  CONFIG,
  checkout,
  lines,
  OWNER,
  type PullRequestRepo,
  REPO,
  removeClones,
  startGitHub,
  tickets,
  validate,
} from "./support";

const SECRET = "AKIAOUTSIDETHECHECKOUT";
let gh: GitHubStandIn;
let number = 300;
const origins: GitRepo[] = [];
/** A file outside any checkout, as a runner has them (credentials, /proc/self/environ...). */
const outside = mkdtempSync(join(tmpdir(), "tunegate-outside-"));
const secretDataset = join(outside, "secret.jsonl");
writeFileSync(
  secretDataset,
  lines([...tickets(39), JSON.stringify({ messages: [{ role: "user", content: SECRET }] })]),
);
writeFileSync(join(outside, "tunegate.yml"), CONFIG(2).replace("data/router/train.jsonl", SECRET));

beforeAll(async () => {
  gh = await startGitHub();
});
afterAll(async () => {
  await gh.close();
  for (const o of origins) o.dispose();
  removeClones();
});

const BASE = {
  "tunegate.yml": CONFIG(2),
  "data/router/train.jsonl": lines(tickets(40)),
  "data/router/validation.jsonl": lines(tickets(32, 100)),
  "data/summarizer/train.jsonl": lines(tickets(40, 200)),
};

/** A PR whose head adds `files` and the links `links` (path -> target, committed as symbolic links). */
function pullRequest(files: Record<string, string>, links: Record<string, string> = {}): PullRequestRepo {
  const origin = new GitRepo();
  origins.push(origin);
  origin.write(BASE);
  const baseSha = origin.commit("Base datasets");
  origin.checkout("hostile", true);
  for (const path of Object.keys(links)) origin.remove(path);
  origin.write(files);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(origin.dir, path)), { recursive: true });
    symlinkSync(target, join(origin.dir, path));
  }
  const headSha = origin.commit("Hostile head");
  origin.git("config", "uploadpack.allowAnySHA1InWant", "true");
  return { origin, baseSha, headSha, branch: "hostile" };
}

async function review(repo: PullRequestRepo, changed: string[]) {
  const n = ++number;
  addPullRequest(gh, repo, n, changed);
  const run = await validate({ gh, repo, workspace: checkout(repo), number: n });
  const comments = gh.comments(OWNER, REPO, n).map((c) => c.body);
  return {
    run,
    comments,
    everything: [run.stdout, run.stderr, run.summary, run.reportMarkdown, ...comments],
  };
}

/** "../" enough times to reach / from any checkout, then the absolute path: a relative link out. */
const relativeOut = (path: string) => `${"../".repeat(40)}${path.slice(1)}`;

describe("links out of the checkout", () => {
  it.each([
    ["an absolute link", secretDataset],
    ["a relative link", relativeOut(secretDataset)],
  ])(
    "refuses a dataset that is %s, at its tunegate.yml line, reading nothing",
    async (_, target) => {
      const repo = pullRequest({}, { "data/router/train.jsonl": target });
      const { run, everything } = await review(repo, ["data/router/train.jsonl"]);
      expect(run.code).toBe(1);
      const refusal = run.annotations.find((a) => a.message.includes("a symlink out of the repository"));
      expect(refusal?.properties).toMatchObject({ file: "tunegate.yml", line: "9" });
      expect(refusal?.message).toContain("data/router/train.jsonl is a symlink out of the repository");
      for (const text of everything) expect(text).not.toContain(SECRET);
    },
    120_000,
  );

  it("refuses a dataset reached through a directory link", async () => {
    const repo = pullRequest(
      { "tunegate.yml": CONFIG(2).replace("data/router/train.jsonl", "data/linked/secret.jsonl") },
      { "data/linked": outside },
    );
    const { run, everything } = await review(repo, ["tunegate.yml", "data/linked"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("data/linked/secret.jsonl is a symlink out of the repository");
    for (const text of everything) expect(text).not.toContain(SECRET);
  }, 120_000);

  it("refuses a tunegate.yml that is a link out of the checkout", async () => {
    const repo = pullRequest({}, { "tunegate.yml": join(outside, "tunegate.yml") });
    const { run, everything } = await review(repo, ["tunegate.yml"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("tunegate.yml is a symlink out of the repository");
    for (const text of everything) expect(text).not.toContain(SECRET);
  }, 120_000);

  it("still reads a dataset linked to another file inside the checkout", async () => {
    const repo = pullRequest(
      { "data/router/v2.jsonl": lines(tickets(41)) },
      { "data/router/train.jsonl": "v2.jsonl" },
    );
    const { run } = await review(repo, ["data/router/train.jsonl", "data/router/v2.jsonl"]);
    expect(run.stdout).not.toContain("out of the repository");
    expect(run.code).toBe(0);
  }, 120_000);
});

describe("workflow commands in file names", () => {
  it("no dataset path starts a log line with a workflow command", async () => {
    const hostile =
      "data/router/a\n::error title=pwned::injected\n::set-output name=valid::true\n::add-mask::x\n  ::warning::y.jsonl";
    const config = CONFIG(2).replace(
      "training: data/router/train.jsonl",
      `training: ${JSON.stringify(hostile)}`,
    );
    const repo = pullRequest({ "tunegate.yml": config, [hostile]: lines(tickets(40)) });
    const { run } = await review(repo, ["tunegate.yml", hostile]);
    const commands = run.stdout
      .split(/\r\n|\r|\n/)
      .filter((line) => /^\s*::/.test(line))
      .map((line) => line.trim());
    expect(commands.length).toBeGreaterThan(0);
    // Every command the step printed is one of its own annotations, never one a file name spelled.
    for (const line of commands) {
      expect(line).toMatch(/^::(error|warning|notice) (file|title)=/);
      expect(line).not.toMatch(/^::(error|warning) title=pwned|^::warning::y/);
    }
    expect(run.stdout).not.toMatch(/^\s*::(set-output|add-mask)/m);
  }, 120_000);
});
