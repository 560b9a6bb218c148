// The committed bundle, run on Node 24 as the runner runs it, against the GitHub stand-in over HTTP and
// a real git repository with a base commit on main and a pull request branch.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveCatalog, servingCostLine, servingOfTrainingData } from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import type { GitHubStandIn } from "@tunegate/github-local";
import { markdownProblems, runAction } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_SAMPLES, secretPart } from "../../../packages/core/test/secret-samples";
import {
  addPullRequest,
  CONFIG,
  checkout,
  lines,
  MARKER,
  OWNER,
  type PullRequestRepo,
  pullRequestRepo,
  READ_TOKEN,
  REPO,
  REPOSITORY,
  record,
  removeClones,
  tickets,
  validate,
  WRITE_TOKEN,
} from "./support";

// The report action, as committed: the fork-safe pattern's second workflow posts what validate wrote.
const REPORT_ACTION = fileURLToPath(new URL("../../dist/report.js", import.meta.url));

let gh: GitHubStandIn;
const repos: PullRequestRepo[] = [];

beforeAll(async () => {
  gh = await (await import("./support")).startGitHub();
});
afterAll(async () => {
  // Every request the action made followed GitHub's published contract.
  expect(gh.violations()).toEqual([]);
  expect(gh.invalidResponses()).toEqual([]);
  await gh.close();
  for (const r of repos) r.origin.dispose();
  removeClones();
});

const BASE_FILES = {
  "tunegate.yml": CONFIG(2),
  "data/router/train.jsonl": lines(tickets(40)),
  "data/router/validation.jsonl": lines(tickets(32, 100)),
  "data/summarizer/train.jsonl": lines(tickets(40, 200)),
};

/** The head of the main scenario: one reply changed, one record gone, three new, one broken, one copy. */
function headTrain(options: { broken: boolean }): string {
  const records = tickets(40);
  records[5] = record("ticket 5", "ROUTE: q0");
  records.splice(7, 1);
  records.push(...tickets(3, 50));
  if (options.broken) {
    records.push(
      JSON.stringify({
        system: "Route the support ticket.",
        messages: [
          { role: "user", content: "ticket that breaks" },
          { role: "bot", content: "ROUTE: q1" },
        ],
      }),
    );
  }
  records.push(records[0]!);
  return lines(records);
}

function repo(base: Record<string, string>, head: Record<string, string>, remove?: string[]) {
  const r = pullRequestRepo(base, head, remove ? { remove } : {});
  repos.push(r);
  return r;
}

describe("validate on a pull request", () => {
  const number = 7;
  let pr: PullRequestRepo;

  beforeAll(() => {
    pr = repo(BASE_FILES, {
      "tunegate.yml": CONFIG(3),
      "data/router/train.jsonl": headTrain({ broken: true }),
    });
    addPullRequest(gh, pr, number, ["tunegate.yml", "data/router/train.jsonl"]);
  });

  it("annotates each problem on its line, sets the outputs, writes the summary, the report files and SARIF, and comments", async () => {
    const workspace = checkout(pr);
    const run = await validate({ gh, repo: pr, workspace, number, inputs: { sarif: "out/tunegate.sarif" } });
    expect(run.code, run.stderr + run.stdout).toBe(1);

    // Annotations: the broken role at its line and column, the copied record as a warning.
    expect(run.annotations).toContainEqual({
      level: "error",
      properties: expect.objectContaining({
        file: "data/router/train.jsonl",
        line: "43",
        title: expect.stringMatching(/^tunegate claude\//),
      }),
      message: expect.any(String),
    });
    const duplicate = run.annotations.find((a) => a.properties.title === "tunegate dataset/duplicate-record");
    expect(duplicate).toMatchObject({
      level: "warning",
      properties: { file: "data/router/train.jsonl", line: "44" },
    });
    expect(run.stdout).toMatch(
      /^::error::tunegate: 1 error, 1 warning in 1 model reviewed \(fail-on: error\)\.$/m,
    );

    expect(run.outputs).toMatchObject({ valid: "false", errors: "1", warnings: "1" });

    // The job summary: the same review with every problem and its hint.
    expect(run.summary).toContain("## ❌ tunegate: 1 error, 1 warning, 1 notice: not ready to merge");
    expect(run.summary).toContain("| Severity | Rule | Where | Problem | How to fix |");

    // The comment: one, with the marker, the diff, labels, problems and what merging does.
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(body).toContain("### ❌ `support-router` · Claude 3 Haiku · us\\-west\\-2");
    expect(body).toMatch(
      /\| \[data\/router\/train\\\.jsonl\]\(https:\/\/github\.com\/acme\/support-data\/blob\/[0-9a-f]{40}\/data\/router\/train\.jsonl\) \| train \| changed \| 40 → 44 \| \+5 \| −1 \| ~1 \| 38 \|/,
    );
    expect(body).toContain(`blob/${pr.headSha}/data/router/train.jsonl#L43`);
    expect(body).toMatch(
      /data\/router\/validation\\\.jsonl\]\([^)]*\) \| validation \| not changed \| 32 → 32 \| — \| — \| — \| 32 \|/,
    );
    expect(body).toContain("Setting changed\\: hyperparameters\\.epochCount\\: 2 → 3");
    expect(body).toMatch(/\| Training records \| 40 \| 44 \| \+4 \(\+10\.0%\) \|/);
    expect(body).toContain("#### Labels in `data/router/train.jsonl`");
    expect(body).toMatch(/\| `q0` \| 14 \| 17 \| \+3 \| 35\.0% → 39\.5% \|/);
    expect(body).toContain("#### Problems in `support-router`");
    expect(body).toContain("<summary>1 modified record in data/router/train.jsonl</summary>");
    expect(body).toMatch(/_Reply before \(base line 6\)_\n```text\nROUTE: q2\n```/);
    expect(body).toContain("#### On merge");
    expect(body).toContain("No training job would start for `support-router`");
    expect(body).toContain("Not affected by this pull request: `summarizer`");
    // The end-of-life base model is said once, before the models, with its source and what to do.
    expect(body.match(/reached its end\\-of\\-life/g)).toHaveLength(1);
    expect(body).toContain("> [!WARNING]\n> **Base model:** Claude 3 Haiku");
    expect(body).toContain("Used by `support-router`.");
    expect(body).toContain("> **Before merging:** Move the model to an active base model");
    // ...naming the command that converts the model's own training file to the model it advises.
    expect(body.replace(/\\(.)/g, "$1")).toMatch(
      /To convert the (training file|datasets) and check the result under Amazon Nova [^:]+: tunegate convert data\/router\/train\.jsonl --to amazon\.nova-/,
    );
    expect(markdownProblems(body)).toEqual([]);

    // Report files for the fork-safe workflow: the comment's text, and JSON naming the head and the PR.
    expect(run.outputs.report).toMatch(/tunegate-report\.md$/);
    expect(`${MARKER}\n${run.reportMarkdown}`).toBe(body);
    expect(run.reportJson).toMatchObject({
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      pullRequest: number,
      markdownFile: "tunegate-report.md",
      valid: false,
      counts: { errors: 1, warnings: 1 },
      untouchedModels: ["summarizer"],
    });
    const model = (run.reportJson.models as Record<string, unknown>[])[0]!;
    expect(model).toMatchObject({
      name: "support-router",
      settingChanges: ["hyperparameters.epochCount: 2 → 3"],
      datasets: [
        {
          path: "data/router/train.jsonl",
          change: "modified",
          records: { added: 5, removed: 1, modified: 1, unchanged: 38 },
        },
        { path: "data/router/validation.jsonl", change: "unchanged", records: null },
      ],
    });

    // SARIF: every problem, where code scanning expects it.
    const sarif = JSON.parse(readFileSync(join(workspace, "out/tunegate.sarif"), "utf8"));
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { region: { startLine: number } } }[];
    }[];
    expect(results.map((r) => r.locations[0]!.physicalLocation.region.startLine).sort()).toEqual([
      43, 43, 44,
    ]);
  });

  it("edits the same comment after a new push, never a second one", async () => {
    // The author fixes the broken record: a new head commit on the branch.
    pr.origin.write({ "data/router/train.jsonl": headTrain({ broken: false }) });
    const fixed = { ...pr, headSha: pr.origin.commit("Fix the broken record") };
    gh.updatePullRequest(OWNER, REPO, number, { headSha: fixed.headSha });
    const workspace = checkout(fixed);
    const run = await validate({ gh, repo: fixed, workspace, number });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ valid: "true", errors: "0", warnings: "1" });
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.edits).toBe(1);
    const body = comments[0]!.body;
    expect(body).toContain("## ⚠️ tunegate: 0 errors, 1 warning, nothing that fails the check");
    expect(body).toContain("Merging starts one Bedrock model customization job for `support-router`");
    expect(body).toContain("`epochCount=3` (changed)");
    expect(body).toMatch(
      /\| Training data \| `s3:\/\/acme-training\/tunegate\/support-router\/[0-9a-f]{64}\/train\.jsonl` \|/,
    );
    expect(body).toMatch(/\| Job name \| `tunegate-support-router-<merge commit>-[0-9a-f]{12}` \|/);
    // The serving line of the head's training data: the one the training report quotes.
    const serving = await servingOfTrainingData(
      join(workspace, "data/router/train.jsonl"),
      resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k"),
      nodeDatasetIo,
    );
    expect(body).toContain(`| Serving | ${servingCostLine(serving!)} |`);
    expect(body).toContain(`blob/${fixed.headSha}/`);
    // The same review again leaves the comment alone.
    const again = await validate({ gh, repo: fixed, workspace: checkout(fixed), number });
    expect(again.stdout).toContain("Review comment unchanged");
    expect(gh.comments(OWNER, REPO, number)[0]!.edits).toBe(1);
  });
});

describe("validate with a read-only token (a pull request from a fork)", () => {
  it("passes the check, writes the report files, says why there is no comment, and the report action posts them", async () => {
    const number = 8;
    const pr = repo(BASE_FILES, { "data/router/train.jsonl": lines([...tickets(40), ...tickets(2, 70)]) });
    addPullRequest(gh, pr, number);
    const { pullRequestEvent } = await import("./support");
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number,
      token: READ_TOKEN,
      event: pullRequestEvent(pr, number, "mallory/support-data"),
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ valid: "true", errors: "0" });
    expect(gh.comments(OWNER, REPO, number)).toEqual([]);
    expect(run.annotations).toContainEqual({
      level: "notice",
      properties: { title: "tunegate: no comment posted" },
      message: expect.stringMatching(/^The token cannot comment on #8 \(HTTP 403.*workflow_run/),
    });
    expect(run.reportMarkdown).toContain("| +2 | −0 | ~0 | 40 |");
    expect(run.reportJson).toMatchObject({
      headSha: pr.headSha,
      pullRequest: number,
      comment: { action: "forbidden" },
    });
    expect(run.summary).toContain("## ✅ tunegate: the datasets are ready to merge");

    // The second workflow (workflow_run, write token) posts those files with the report action.
    const posted = await runAction({
      script: REPORT_ACTION,
      workspace: mkdtempSync(join(tmpdir(), "tunegate-post-")),
      repository: REPOSITORY,
      apiUrl: gh.url,
      eventName: "workflow_run",
      event: {
        action: "completed",
        workflow_run: { head_sha: pr.headSha, event: "pull_request", pull_requests: [] },
      },
      inputs: { "from-report": run.outputs["report-json"]!, "github-token": WRITE_TOKEN },
    });
    expect(posted.code, posted.stderr + posted.stdout).toBe(0);
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    // Re-emitted from a parse of the file: the same text, with Markdown punctuation escaped.
    const unescaped = comments[0]!.body.replace(/\\(.)/g, "$1");
    expect(unescaped).toContain("## ✅ tunegate: the datasets are ready to merge");
    expect(unescaped).toContain("| +2 | −0 | ~0 | 40 |");
  });
});

describe("validate with a shallow checkout", () => {
  it("fetches the base commit and still finds and diffs the changes", async () => {
    const number = 9;
    const pr = repo(BASE_FILES, {
      "data/summarizer/train.jsonl": lines([...tickets(39, 200), record("new", "ROUTE: q0")]),
    });
    addPullRequest(gh, pr, number);
    const run = await validate({ gh, repo: pr, workspace: checkout(pr, { shallow: true }), number });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain(
      `Fetched the base commit ${pr.baseSha.slice(0, 7)} (the checkout is shallow).`,
    );
    expect(run.reportJson).toMatchObject({
      models: [
        {
          name: "summarizer",
          datasets: [{ change: "modified", records: { added: 1, removed: 1, unchanged: 39 } }],
        },
      ],
      untouchedModels: ["support-router"],
    });
  });
});

describe("validate options", () => {
  const number = 10;
  let pr: PullRequestRepo;
  beforeAll(() => {
    // Only a copied record: one warning, no error.
    pr = repo(BASE_FILES, {
      "data/summarizer/train.jsonl": lines([...tickets(40, 200), tickets(1, 200)[0]!]),
    });
    addPullRequest(gh, pr, number);
  });

  it("fail-on: warning fails on a warning that fail-on: error lets pass", async () => {
    const lenient = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number,
      inputs: { comment: "false" },
    });
    expect(lenient.code).toBe(0);
    expect(lenient.outputs).toMatchObject({ valid: "true", warnings: "1" });
    const strict = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number,
      inputs: { comment: "false", "fail-on": "warning" },
    });
    expect(strict.code).toBe(1);
    expect(strict.outputs).toMatchObject({ valid: "false", warnings: "1" });
    expect(strict.stdout).toMatch(
      /^::error::tunegate: 0 errors, 1 warning in 1 model reviewed \(fail-on: warning\)\.$/m,
    );
    expect(gh.comments(OWNER, REPO, number)).toEqual([]);
  });

  it("all: true reviews every model, the ones the pull request does not touch included", async () => {
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number,
      inputs: { all: "true", comment: "false" },
    });
    expect(run.code).toBe(0);
    const models = run.reportJson.models as {
      name: string;
      onMerge: { kind: string };
      datasets: { change: string }[];
    }[];
    expect(models.map((m) => m.name)).toEqual(["support-router", "summarizer"]);
    expect(models[0]!.datasets.map((d) => d.change)).toEqual(["unchanged", "unchanged"]);
    expect(models[0]!.onMerge.kind).toBe("none");
    expect(run.reportMarkdown).toContain(
      "No training job: this pull request changes none of its datasets or settings\\.",
    );
  });

  it("rejects a fail-on value it does not know, before doing anything", async () => {
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number,
      inputs: { "fail-on": "sometimes" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::fail-on takes error, warning, never; got "sometimes".');
  });
});

describe("validate with a broken config", () => {
  it("counts a dataset the config names but the pull request deletes as an error on tunegate.yml", async () => {
    const number = 13;
    const pr = repo(BASE_FILES, {}, ["data/router/validation.jsonl"]);
    addPullRequest(gh, pr, number);
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number,
      inputs: { comment: "false" },
    });
    expect(run.code).toBe(1);
    expect(run.annotations).toContainEqual({
      level: "error",
      properties: { file: "tunegate.yml", title: "tunegate config" },
      message:
        "data/router/validation.jsonl is named in tunegate.yml but does not exist in this pull request.",
    });
    expect(run.outputs.errors).toBe("1");
    expect(run.reportMarkdown).toContain(
      "data/router/validation\\.jsonl | validation | deleted | 32 → 0 | +0 | −32 | ~0 | 0 |",
    );
  });

  it("points each config problem at its YAML line and checks nothing else", async () => {
    const number = 11;
    const config = CONFIG(2).replace("region: us-west-2", "region: eu-mars-1");
    const pr = repo(BASE_FILES, { "tunegate.yml": config });
    addPullRequest(gh, pr, number);
    const run = await validate({ gh, repo: pr, workspace: checkout(pr), number });
    expect(run.code).toBe(1);
    expect(run.annotations).toContainEqual({
      level: "error",
      properties: { file: "tunegate.yml", line: "3", col: expect.any(String), title: "tunegate config" },
      message: expect.stringContaining("eu-mars-1"),
    });
    expect(run.outputs.valid).toBe("false");
    expect(run.summary).toContain("## ❌ tunegate: `tunegate.yml` cannot be used");
  });
});

describe("validate ends every run with a comment that states its own result", () => {
  it("replaces an earlier 'ready' verdict when a later push breaks tunegate.yml", async () => {
    const number = 30;
    const pr = repo(BASE_FILES, { "tunegate.yml": CONFIG(3) });
    addPullRequest(gh, pr, number, ["tunegate.yml"]);
    const ready = await validate({ gh, repo: pr, workspace: checkout(pr), number });
    expect(ready.code, ready.stderr + ready.stdout).toBe(0);
    const verdict = gh
      .comments(OWNER, REPO, number)[0]!
      .body.split("\n")
      .find((l) => l.startsWith("## "))!;
    expect(verdict).toMatch(/^## .*tunegate: /);
    expect(verdict).not.toMatch(/cannot be used|did not finish/);

    pr.origin.write({ "tunegate.yml": CONFIG(3).replace("region: us-west-2", "region: eu-mars-1") });
    const broken = { ...pr, headSha: pr.origin.commit("Break the config") };
    gh.updatePullRequest(OWNER, REPO, number, { headSha: broken.headSha });
    const run = await validate({ gh, repo: broken, workspace: checkout(broken), number });
    expect(run.code).toBe(1);
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("## ❌ tunegate: `tunegate.yml` cannot be used");
    expect(comments[0]!.body).toContain("eu\\-mars\\-1");
    expect(comments[0]!.body).not.toContain(verdict);
  });

  it("says in the comment that the review did not finish when a dataset is a directory", async () => {
    const number = 31;
    // The summarizer's training set named as its folder.
    const config = CONFIG(2).replace("training: data/summarizer/train.jsonl", "training: data/summarizer");
    const pr = repo(BASE_FILES, { "tunegate.yml": config });
    addPullRequest(gh, pr, number, ["tunegate.yml"]);
    const run = await validate({ gh, repo: pr, workspace: checkout(pr), number });
    expect(run.code).toBe(1);
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^<!-- tunegate:validate -->\n## ❌ tunegate: /);
    expect(run.summary).toContain("## ❌ tunegate: ");
  });

  it("says in the summary when it cannot write the comment", async () => {
    const number = 32;
    const pr = repo(BASE_FILES, {
      "tunegate.yml": CONFIG(3).replace("region: us-west-2", "region: eu-mars-1"),
    });
    addPullRequest(gh, pr, number, ["tunegate.yml"]);
    const run = await validate({ gh, repo: pr, workspace: checkout(pr), number, token: READ_TOKEN });
    expect(run.code).toBe(1);
    expect(gh.comments(OWNER, REPO, number)).toEqual([]);
    expect(run.summary).toContain(`The review comment on #${number} could not be written`);
  });
});

describe("validate on a hostile dataset", () => {
  it("shows no secret from a dataset in the comment, summary, annotations, log, SARIF or report files", async () => {
    const number = 14;
    // Every credential format the scan knows, where the outputs show record text: record samples (the
    // user turn, the system prompt), a label, a modified reply (the diff), a quoted key and value.
    const withSecrets = [
      ...tickets(40),
      ...SECRET_SAMPLES.map(([, text], i) =>
        JSON.stringify({
          system: `Route the support ticket. Internal: ${text}`,
          messages: [
            { role: "user", content: `ticket ${i}: log in with ${text}` },
            { role: "assistant", content: `ROUTE: ${text}` },
          ],
          [`k ${text}`]: text,
        }),
      ),
    ];
    withSecrets[3] = record("ticket 3", `ROUTE: ${SECRET_SAMPLES[0]![1]}`);
    const pr = repo(BASE_FILES, { "data/router/train.jsonl": lines(withSecrets) });
    addPullRequest(gh, pr, number, ["data/router/train.jsonl"]);
    const workspace = checkout(pr);
    const run = await validate({ gh, repo: pr, workspace, number, inputs: { sarif: "out/tunegate.sarif" } });
    expect(run.code, run.stderr).toBe(1);
    const body = gh.comments(OWNER, REPO, number)[0]!.body;
    expect(body).toContain("AKIA\\*\\*\\*\\*");
    const outputs: [string, string][] = [
      ["comment", body],
      ["job summary", run.summary],
      ["log and annotations", run.stdout + run.stderr],
      ["SARIF", readFileSync(join(workspace, "out/tunegate.sarif"), "utf8")],
      ["report Markdown", run.reportMarkdown],
      ["report JSON", JSON.stringify(run.reportJson)],
      ["outputs", JSON.stringify(run.outputs)],
    ];
    for (const [where, text] of outputs) {
      for (const [kind, secret] of SECRET_SAMPLES) {
        expect(text.includes(secretPart(secret)), `${kind} in the ${where}`).toBe(false);
      }
    }
  });

  it("keeps the comment safe and under 65,536 characters", async () => {
    const number = 12;
    const evil = [
      "<script>alert(document.cookie)</script>",
      "</details></summary><img src=x onerror=alert(1)>",
      "@acme/admins please merge, cc @alice",
      "fixes #1 and acme/other#2 and GH-3",
      "| col | col |\n|---|---|\n| x | y |",
      "```\n</details>\n```",
      "~~~\n<!-- tunegate:validate -->\n~~~",
      "[click](javascript:alert(1)) ![pixel](https://tracker.example/p.png) https://evil.example",
      "\u202etxt.exe",
      "😀".repeat(50),
    ];
    const hostile = (i: number) =>
      JSON.stringify({
        system: `${evil[(i + 3) % evil.length]} system ${i}`,
        messages: [
          { role: "user", content: `${evil[i % evil.length]} question ${i}` },
          {
            role: i % 7 === 0 ? `bot ${evil[i % evil.length]}` : "assistant",
            content: `${evil[(i + 1) % evil.length]} ROUTE: q${i % 3}`,
          },
        ],
      });
    // 1 MB lines of hostile text. (Words, not one 1 MB run of a single letter: the stand-in tokenizer's
    // BPE is quadratic on a run without spaces, which the engine's token check does not yet guard.)
    const filler = `${evil.join(" ")} lorem ipsum `;
    const big = (i: number) =>
      record(filler.repeat(Math.ceil(1_000_000 / filler.length)), `ROUTE: ${evil[i % evil.length]}`);
    const evilPath = "data/evil @acme #1 |x| `y`.jsonl";
    // Three models train on the file, so the comment has more than it can hold and must be trimmed.
    const config = `${CONFIG(2)}${["hostile", "hostile-two", "hostile-three"]
      .map(
        (name) =>
          `  ${name}:\n    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k\n    training: "${evilPath}"\n    labels: "^ROUTE: (.+)"\n`,
      )
      .join("")}`;
    const pr = repo(
      { ...BASE_FILES, "tunegate.yml": config, [evilPath]: lines(tickets(40)) },
      {
        [evilPath]: lines([
          ...tickets(20),
          ...Array.from({ length: 300 }, (_, i) => hostile(i)),
          big(1),
          big(2),
          big(5),
        ]),
      },
    );
    addPullRequest(gh, pr, number);
    const run = await validate({ gh, repo: pr, workspace: checkout(pr), number });
    expect(run.code, run.stderr).toBe(1);
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(60_000);
    expect(markdownProblems(body)).toEqual([]);
    // One marker, the real one: the dataset's copy is broken.
    expect(body.split(MARKER)).toHaveLength(2);
    expect(body).toContain("#### Problems in `hostile`");
    expect(body).toContain("#### Problems in `hostile-three`");
    expect(body).toContain("_Some details were trimmed to fit; the job summary of [this run]");
    expect(body).toMatch(
      /<summary>\d of \d+ added records in data\/evil @\u200bacme #\u200b1 \|x\| `y`\.jsonl<\/summary>/,
    );
    // Annotations stay within GitHub's 10 per severity and step, the closing notice and failure included.
    for (const level of ["error", "warning", "notice"] as const) {
      expect(run.annotations.filter((a) => a.level === level).length).toBeLessThanOrEqual(10);
    }
    expect(run.annotations.find((a) => a.properties.title === "tunegate: more problems")?.message).toMatch(
      /more problems are not annotated here .* The full list is in the job summary of this run\./,
    );
    // The summary holds more of it, within its own limit.
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(1_048_576);
    expect(markdownProblems(run.summary)).toEqual([]);
  });
});

describe("validate when GitHub fails", () => {
  const COMMENTS = "/repos/{owner}/{repo}/issues/{issue_number}/comments";
  const clean = { "data/router/train.jsonl": lines([...tickets(40), ...tickets(2, 80)]) };

  function expectWholeResult(run: Awaited<ReturnType<typeof validate>>) {
    expect(run.outputs).toMatchObject({ valid: "true", errors: "0", warnings: "0" });
    expect(run.summary).toContain("## ✅ tunegate: the datasets are ready to merge");
    expect(run.reportMarkdown).toContain("| +2 | −0 | ~0 | 40 |");
    expect(run.reportJson).toMatchObject({ valid: true, pullRequest: expect.any(Number) });
  }

  it("retries a 502 while reading the comments and still posts the one review comment", async () => {
    const number = 41;
    const pr = repo(BASE_FILES, clean);
    addPullRequest(gh, pr, number);
    const fault = gh.injectFault({ method: "GET", path: COMMENTS, status: 502 });
    const run = await validate({ gh, repo: pr, workspace: checkout(pr), number });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(fault.remaining()).toBe(0);
    expectWholeResult(run);
    const comments = gh.comments(OWNER, REPO, number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("## ✅ tunegate: the datasets are ready to merge");
    expect(run.reportJson).toMatchObject({ comment: { action: "created" } });
  });

  it("waits out a secondary rate limit on the comment for the retry-after GitHub gives", async () => {
    const number = 42;
    const pr = repo(BASE_FILES, clean);
    addPullRequest(gh, pr, number);
    const fault = gh.injectFault({
      method: "POST",
      path: COMMENTS,
      status: 403,
      headers: { "retry-after": "1" },
      body: {
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      },
    });
    const run = await validate({ gh, repo: pr, workspace: checkout(pr), number });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(fault.remaining()).toBe(0);
    expectWholeResult(run);
    expect(gh.comments(OWNER, REPO, number)).toHaveLength(1);
  });

  it("keeps the whole review when GitHub refuses the comment (401): outputs, annotations, summary, report files, and a warning", async () => {
    const number = 43;
    const pr = repo(BASE_FILES, {
      "data/router/train.jsonl": lines([...tickets(40), ...tickets(2, 80), tickets(1)[0]!]),
    });
    addPullRequest(gh, pr, number);
    const fault = gh.injectFault({ path: COMMENTS, status: 401, times: Number.POSITIVE_INFINITY });
    try {
      const run = await validate({ gh, repo: pr, workspace: checkout(pr), number });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ valid: "true", errors: "0", warnings: "1" });
      expect(run.annotations).toContainEqual(
        expect.objectContaining({
          level: "warning",
          properties: expect.objectContaining({ title: "tunegate dataset/duplicate-record" }),
        }),
      );
      expect(run.annotations).toContainEqual({
        level: "warning",
        properties: { title: "tunegate: no comment posted" },
        message: expect.stringMatching(
          new RegExp(`^The review comment could not be posted on #${number} \\(HTTP 401\\)`),
        ),
      });
      expect(run.summary).toContain("## ⚠️ tunegate: 0 errors, 1 warning, nothing that fails the check");
      expect(run.reportMarkdown).toContain("| +3 | −0 | ~0 | 40 |");
      expect(run.reportJson).toMatchObject({ valid: true, pullRequest: number });
      expect(run.reportJson).not.toHaveProperty("comment");
    } finally {
      fault.cancel();
    }
    expect(gh.comments(OWNER, REPO, number)).toEqual([]);
  });
});
