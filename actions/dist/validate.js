import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  VALIDATE_MARKER,
  changedFiles,
  commitFiles,
  createOctokit,
  getInput,
  httpStatus,
  info,
  notice,
  pullRequestOf,
  review,
  reviewDirs,
  runAction,
  runnerContext,
  runnerLog,
  safeInline,
  setFailed,
  setOutput,
  unfinishedReviewMarkdown,
  upsertComment,
  warning,
  writeAnnotations,
  writeReportFiles,
  writeSarif,
  writeStepSummary
} from "./chunk-VYSCFXZL.js";
import "./chunk-O5VWGFNK.js";
import "./chunk-UW26P3AS.js";
import "./chunk-KCCJD64M.js";

// actions/validate/src/main.ts
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";

// actions/validate/package.json
var package_default = {
  name: "@tunegate/action-validate",
  version: "0.1.0",
  private: true,
  type: "module",
  scripts: {
    typecheck: "tsc --noEmit -p .",
    test: "vitest run"
  },
  dependencies: {
    "@actions/core": "^3.0.1",
    "@actions/github": "^9.1.1",
    "@tunegate/core": "*",
    "@tunegate/files": "*",
    "@tunegate/git": "*",
    "@tunegate/github": "*",
    "@tunegate/usecases": "*"
  },
  devDependencies: {
    "@tunegate/testkit": "*",
    "@tunegate/github-local": "*"
  }
};

// actions/validate/src/inputs.ts
var FAIL_ON = ["error", "warning", "never"];
function readInputs() {
  const failOn = (getInput("fail-on") || "error").trim().toLowerCase();
  if (!FAIL_ON.includes(failOn)) {
    throw new Error(`fail-on takes ${FAIL_ON.join(", ")}; got "${failOn}".`);
  }
  const sarif = getInput("sarif").trim();
  return {
    config: getInput("config").trim() || "tunegate.yml",
    token: getInput("github-token").trim(),
    comment: booleanInput("comment", true),
    failOn,
    all: booleanInput("all", false),
    sarif: sarif === "" ? void 0 : sarif
  };
}
function booleanInput(name, fallback) {
  const value = getInput(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1"].includes(value)) return true;
  if (["false", "no", "0"].includes(value)) return false;
  throw new Error(`${name} takes true or false; got "${value}".`);
}

// actions/validate/src/comment.ts
async function postComment(octokit, context, issueNumber, body) {
  if (!octokit) {
    notice("No github-token: the review is in the job summary and the report files, not in a comment.");
    return { missing: "no github-token was given" };
  }
  let comment;
  try {
    comment = await upsertComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      issueNumber,
      marker: VALIDATE_MARKER,
      body
    });
  } catch (err) {
    const status = httpStatus(err);
    const reason = `${status ? `HTTP ${status}: ` : ""}${err.message}`;
    warning(
      `The review comment could not be posted on #${issueNumber}${status ? ` (HTTP ${status})` : ""}: ${err.message}. The review is in the job summary, the annotations and the report files.`,
      { title: "tunegate: no comment posted" }
    );
    return { missing: reason };
  }
  if (comment.action === "forbidden") {
    notice(comment.reason, { title: "tunegate: no comment posted" });
    return { comment, missing: comment.reason };
  }
  info(`Review comment ${comment.action}: ${comment.url}`);
  return { comment };
}
function noCommentNote(issueNumber, reason) {
  return `

> [!NOTE]
> No review comment was written on #${issueNumber}: ${safeInline(reason, 300)}
`;
}
async function replaceComment(octokit, context, pr, wanted, markdown) {
  if (!wanted || !pr) return "";
  let reason;
  if (!octokit) reason = "no github-token was given";
  else {
    try {
      const result = await upsertComment({
        octokit,
        owner: context.owner,
        repo: context.repo,
        issueNumber: pr.number,
        marker: VALIDATE_MARKER,
        body: `${VALIDATE_MARKER}
${markdown}`
      });
      if (result.action !== "forbidden") {
        info(`Review comment ${result.action}: ${result.url}`);
        return "";
      }
      reason = result.reason;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
  }
  warning(`The review comment on #${pr.number} was not replaced: ${reason}`);
  return `

> [!WARNING]
> The review comment on #${pr.number} could not be written (${safeInline(reason, 300)}); an earlier one may still show an outdated result.
`;
}
async function reportUnfinished(message) {
  let inputs;
  try {
    inputs = readInputs();
  } catch {
  }
  const context = runnerContext();
  const token = inputs?.token ?? getInput("github-token");
  const octokit = token ? createOctokit(token, context.apiUrl) : void 0;
  const markdown = unfinishedReviewMarkdown(message, context.runUrl);
  const note = await replaceComment(
    octokit,
    context,
    pullRequestOf(context),
    inputs?.comment ?? true,
    markdown
  );
  await writeStepSummary(`${markdown}${note}`);
}

// actions/validate/src/main.ts
async function act() {
  const inputs = readInputs();
  const context = runnerContext();
  const pr = pullRequestOf(context);
  const octokit = inputs.token ? createOctokit(inputs.token, context.apiUrl) : void 0;
  const { reportDir, baseDir } = reviewDirs(context.tempDir);
  mkdirSync(reportDir, { recursive: true });
  const worker = new URL("./dataset-worker.js", import.meta.url);
  const api = octokit && pr ? { octokit, owner: context.owner, repo: context.repo, pullNumber: pr.number } : void 0;
  const result = await review(
    {
      run: { ...context, pr },
      config: inputs.config,
      failOn: inputs.failOn,
      all: inputs.all,
      commenting: inputs.comment && pr !== void 0,
      parallel: existsSync(worker) ? { script: worker } : void 0,
      baseDir
    },
    {
      git: commitFiles(context.workspace),
      changedFiles: (baseSha) => changedFiles({ cwd: context.workspace, baseSha, ...api ? { api } : {} }),
      log: runnerLog
    }
  ).finally(() => rmSync(baseDir, { recursive: true, force: true }));
  writeAnnotations(result.annotations);
  const { counts, fails, markdown } = result;
  const reviewed = result.kind === "reviewed" ? result : void 0;
  if (result.kind === "config-error") info(result.error.message);
  const report = {
    markdown,
    context,
    pr,
    counts,
    failOn: inputs.failOn,
    toolVersion: package_default.version,
    ...reviewed ? { input: reviewed.input, problems: reviewed.problems } : {}
  };
  const paths = await writeReportFiles(reportDir, report);
  if (reviewed && inputs.sarif) {
    const sarifPath = resolve(context.workspace, inputs.sarif);
    await writeSarif(sarifPath, reviewed.reviews, package_default.version);
    info(`SARIF written to ${sarifPath}`);
  }
  await writeStepSummary(reviewed ? reviewed.summary : markdown);
  setOutput("valid", String(!fails));
  setOutput("errors", String(counts.errors));
  setOutput("warnings", String(counts.warnings));
  setOutput("report", paths.markdown);
  setOutput("report-json", paths.json);
  if (!reviewed) {
    const note = await replaceComment(octokit, context, pr, inputs.comment, markdown);
    if (note) await writeStepSummary(note);
    if (fails) setFailed(`${result.configPath} cannot be used; see its annotations.`);
    return;
  }
  if (inputs.comment && pr) {
    const { comment, missing: reason } = await postComment(octokit, context, pr.number, reviewed.comment);
    if (comment) await writeReportFiles(reportDir, { ...report, comment });
    if (reason) await writeStepSummary(noCommentNote(pr.number, reason));
  }
  if (fails) setFailed(`tunegate: ${reviewed.sentence} (fail-on: ${inputs.failOn}).`);
  else info(`tunegate: ${reviewed.sentence}.`);
}
async function run() {
  try {
    await act();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await reportUnfinished(message).catch(
      (again) => warning(`The failure could not be reported in the comment or summary: ${String(again)}`)
    );
    throw err;
  }
}

// actions/validate/src/index.ts
await runAction(run);
