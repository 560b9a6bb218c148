import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  ConfigError,
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  appendStepSummary,
  changedFiles,
  changedModels,
  collapseSystematic,
  createOctokit,
  datasetsOf,
  error,
  extractFileFromCommit,
  fileIssueAnnotations,
  getInput,
  httpStatus,
  info,
  loadConfig,
  notice,
  parseConfig,
  problemAnnotations,
  pullRequestOf,
  readFileInCommit,
  renderPrComment,
  renderReviewSummary,
  repositoryName,
  reviewCounts,
  reviewFails,
  reviewModel,
  runAction,
  runnerContext,
  safeCode,
  safeInline,
  safeLink,
  setFailed,
  setOutput,
  settingChanges,
  toSarif,
  upsertComment,
  warning
} from "./chunk-P7MF2PP4.js";
import "./chunk-HDHXD4XB.js";
import "./chunk-KCCJD64M.js";

// actions/validate/src/main.ts
import { existsSync as existsSync2, mkdirSync as mkdirSync2, rmSync } from "node:fs";
import { join as join3, resolve } from "node:path";

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

// actions/validate/src/report-files.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

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
    "@tunegate/github": "*"
  },
  devDependencies: {
    "@tunegate/testkit": "*",
    "@tunegate/github-local": "*"
  }
};

// actions/validate/src/report-files.ts
var MARKDOWN_FILE = "tunegate-report.md";
var JSON_FILE = "tunegate-report.json";
async function writeReportFiles(dir, content) {
  const { context, pr, counts, input } = content;
  const paths = { markdown: join(dir, MARKDOWN_FILE), json: join(dir, JSON_FILE) };
  const json = {
    version: 1,
    tool: "tunegate validate",
    toolVersion: package_default.version,
    repository: context.repository,
    headSha: pr?.headSha || context.sha,
    ...pr ? { baseSha: pr.baseSha, pullRequest: pr.number } : {},
    markdownFile: MARKDOWN_FILE,
    valid: !reviewFails(counts, content.failOn),
    failOn: content.failOn,
    counts,
    ...content.comment ? {
      comment: content.comment.action === "forbidden" ? { action: "forbidden" } : { action: content.comment.action, url: content.comment.url }
    } : {},
    models: (input?.models ?? []).map((m) => ({
      name: m.name,
      baseModel: m.baseModel.id,
      region: m.region,
      counts: m.counts,
      datasets: m.datasets.map((d) => ({
        path: d.path,
        role: d.role,
        change: d.change,
        base: d.base ? { records: d.base.records, tokens: d.base.tokens.value, bytes: d.base.bytes } : null,
        head: d.head ? { records: d.head.records, tokens: d.head.tokens.value, bytes: d.head.bytes } : null,
        records: d.records ? {
          added: d.records.added,
          removed: d.records.removed,
          modified: d.records.modified,
          unchanged: d.records.unchanged
        } : null,
        labels: d.labels?.rows.map((r) => ({ label: r.label, base: r.base, head: r.head })) ?? null
      })),
      cost: {
        base: m.cost.base ? costJson(m.cost.base) : null,
        head: m.cost.head ? costJson(m.cost.head) : null
      },
      settingChanges: m.settingChanges,
      onMerge: m.onMerge
    })),
    untouchedModels: input?.untouchedModels ?? [],
    problems: (content.problems ?? []).map((p) => ({ ...p }))
  };
  await writeFile(paths.markdown, content.markdown);
  await writeFile(paths.json, `${JSON.stringify(json, null, 2)}
`);
  return paths;
}
function costJson(cost) {
  return {
    epochs: cost.epochs,
    trainingTokens: cost.trainingTokens.value,
    billedTokens: cost.billedTokens,
    estimated: !cost.trainingTokens.exact,
    usd: cost.usd ?? null
  };
}
async function writeSarif(path, reviews) {
  const files = reviews.flatMap((r) => r.report.files);
  const first = reviews[0]?.report.model ?? { id: "none", name: "none", format: "claude-messages" };
  const merged = {
    model: first,
    files,
    summary: reviews.reduce(
      (acc, r) => ({
        errors: acc.errors + r.report.summary.errors,
        warnings: acc.warnings + r.report.summary.warnings,
        notices: acc.notices + r.report.summary.notices
      }),
      { errors: 0, warnings: 0, notices: 0 }
    )
  };
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(toSarif(merged, { toolVersion: package_default.version }), null, 2)}
`);
}
function configErrorMarkdown(configPath, err) {
  const rows = err.issues.slice(0, 50).map((i) => {
    const where = `${configPath}:${i.line}:${i.column}`;
    return `| ${safeCode(where, 200)} | ${safeInline(i.path ? `${i.path}: ${i.message}` : i.message, 400)} | ${safeInline(i.hint ?? "", 300)} |`;
  });
  const more = err.issues.length - rows.length;
  return [
    `## \u274C tunegate: ${safeCode(configPath, 200)} cannot be used`,
    "No dataset was checked: fix the configuration first.",
    ["| Where | Problem | How to fix |", "| --- | --- | --- |", ...rows].join("\n"),
    ...more > 0 ? [`_\u2026and ${more} more._`] : []
  ].join("\n\n");
}

// actions/validate/src/review.ts
import { existsSync, mkdirSync } from "node:fs";
import { join as join2 } from "node:path";
var MARKER = "<!-- tunegate:validate -->";
async function collectReview(options) {
  const { context, pr, config, log } = options;
  const workspace = context.workspace;
  const notes = [];
  let changes;
  if (pr) {
    changes = await changedFiles({
      cwd: workspace,
      baseSha: pr.baseSha,
      ...options.octokit ? {
        api: {
          octokit: options.octokit,
          owner: context.owner,
          repo: context.repo,
          pullNumber: pr.number
        }
      } : {}
    });
    for (const note of changes.notes) log(note);
    log(`Files changed by #${pr.number} (${changes.source}): ${changes.files.length}`);
  } else {
    notes.push(
      `This run is not for a pull request (${context.eventName || "no event"}): every model is checked, and nothing is compared with a base branch.`
    );
  }
  const changed = new Set((changes?.files ?? []).map((f) => f.path));
  let baseConfig;
  let baseConfigKnown = false;
  if (pr && changes?.baseAvailable) {
    const text = await readFileInCommit(workspace, pr.baseSha, options.configPath);
    baseConfigKnown = true;
    if (text !== void 0) {
      try {
        baseConfig = parseConfig(text.replace(/^\uFEFF/, ""), {
          path: options.configPath,
          root: config.config.root
        }).config;
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        log(
          `The base branch's ${options.configPath} cannot be used (${err.issues.length} problems): every model counts as changed.`
        );
      }
    }
  } else if (pr) {
    notes.push("The base commit could not be read from git: records are not compared with the base branch.");
  }
  const byPaths = new Set(
    changes && !baseConfigKnown ? changedModels(config.config, [...changed], { repositoryRoot: workspace }).map((c) => c.model.name) : []
  );
  const baseDir = join2(options.tempDir, "tunegate-base");
  mkdirSync(baseDir, { recursive: true });
  const reviews = [];
  const untouched = [];
  const allMissing = /* @__PURE__ */ new Set();
  let extracted = 0;
  for (const model of config.config.models) {
    const base = baseConfig?.models.find((m) => m.name === model.name);
    const files = datasetFiles(model, base, config.config, baseConfig, workspace, changed, pr !== void 0);
    const settings = baseConfigKnown ? settingChanges(base, model) : [];
    const affected = pr === void 0 || files.some((f) => f.changed) || settings.length > 0 || byPaths.has(model.name);
    if (!affected && !options.all) {
      untouched.push(model.name);
      continue;
    }
    const diffFiles = [];
    const missing = [];
    for (const f of files) {
      let basePath;
      if (f.changed && f.baseName !== void 0 && pr && changes?.baseAvailable) {
        const target = join2(baseDir, `${++extracted}.jsonl`);
        if (await extractFileFromCommit(workspace, pr.baseSha, f.baseName, target)) basePath = target;
      }
      const headExists = existsSync(f.headPath);
      if (!headExists) {
        missing.push(f.name);
        allMissing.add(f.name);
      }
      diffFiles.push({
        name: f.name,
        role: f.role,
        changed: f.changed,
        ...headExists ? { head: f.headPath } : {},
        ...basePath ? { base: basePath } : {}
      });
    }
    log(
      `Reviewing ${model.name}: ${diffFiles.map((f) => `${f.name}${f.changed ? " (changed)" : ""}`).join(", ")}`
    );
    reviews.push(
      await reviewModel({
        head: model,
        ...base ? { base } : {},
        compare: pr !== void 0,
        files: diffFiles,
        missing,
        baseUnavailable: pr !== void 0 && !changes?.baseAvailable,
        commit: pr?.headSha || context.sha,
        repository: context.repository,
        ...pr ? { pullRequest: pr.number } : {},
        ...options.parallel ? { parallel: options.parallel } : {},
        catalog: config.config.catalog
      })
    );
  }
  const input = {
    marker: MARKER,
    repository: context.repository,
    serverUrl: context.serverUrl,
    headSha: pr?.headSha || context.sha,
    ...pr ? { baseSha: pr.baseSha, pullRequest: pr.number } : {},
    failOn: options.failOn,
    models: reviews.map((r) => r.reviewed),
    untouchedModels: untouched,
    ...context.runUrl ? { runUrl: context.runUrl } : {},
    notes: [...notes, ...warningNotes(options.configPath, config)]
  };
  return { input, reviews, changes, missing: [...allMissing] };
}
function warningNotes(configPath, config) {
  const lines = /* @__PURE__ */ new Map();
  for (const w of config.warnings) {
    if (w.topic === "lifecycle") continue;
    lines.set(w.message, [...lines.get(w.message) ?? [], w.line]);
  }
  return [...lines].map(([message, at]) => `${configPath}:${at.join(", ")}: ${message}`);
}
function datasetFiles(model, base, config, baseConfig, workspace, changed, isPullRequest) {
  const baseFiles = base && baseConfig ? datasetsOf(base, baseConfig.root) : [];
  return datasetsOf(model, config.root).map((f) => {
    const name = repositoryName(workspace, f.path);
    const before = baseFiles.find((b) => b.role === f.role);
    const baseName = before ? repositoryName(workspace, before.path) : baseConfig ? void 0 : name;
    return {
      name,
      role: f.role,
      headPath: f.path,
      baseName,
      changed: isPullRequest && (changed.has(name) || baseName !== name)
    };
  });
}

// actions/validate/src/main.ts
var MAX_OTHER_ANNOTATIONS = 3;
async function act() {
  const inputs = readInputs();
  const context = runnerContext();
  const pr = pullRequestOf(context);
  const octokit = inputs.token ? createOctokit(inputs.token, context.apiUrl) : void 0;
  const reportDir = join3(context.tempDir, "tunegate-report");
  mkdirSync2(reportDir, { recursive: true });
  const configFile = resolve(context.workspace, inputs.config);
  const configPath = repositoryName(context.workspace, configFile);
  let config;
  try {
    config = await loadConfig(configFile, { repository: context.workspace });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of fileIssueAnnotations(configPath, err.issues)) process.stdout.write(`${line}
`);
    info(err.message);
    const markdown2 = configErrorMarkdown(configPath, err);
    const counts2 = { errors: err.issues.length, warnings: 0, notices: 0 };
    const paths2 = await writeReportFiles(reportDir, { markdown: markdown2, context, pr, counts: counts2, failOn: inputs.failOn });
    await summary(markdown2);
    setOutputs(counts2, reviewFails(counts2, inputs.failOn), paths2);
    const note = await replaceComment(octokit, context, pr, inputs.comment, markdown2);
    if (note) await summary(note);
    if (reviewFails(counts2, inputs.failOn))
      setFailed(`${configPath} cannot be used; see its annotations.`);
    return;
  }
  const configWarnings = config.warnings.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const w of configWarnings) {
    warning(w.hint ? `${w.message}
${w.hint}` : w.message, {
      file: configPath,
      startLine: w.line,
      startColumn: w.column,
      title: "tunegate config"
    });
  }
  for (const w of config.warnings.slice(configWarnings.length))
    info(`${configPath}:${w.line}:${w.column}: ${w.message}`);
  const worker = new URL("./dataset-worker.js", import.meta.url);
  const baseDir = join3(context.tempDir, "tunegate-base");
  let review;
  try {
    review = await collectReview({
      context,
      pr,
      config,
      configPath,
      all: inputs.all,
      failOn: inputs.failOn,
      octokit,
      parallel: existsSync2(worker) ? { script: worker } : void 0,
      tempDir: context.tempDir,
      log: (m) => info(m)
    });
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
  }
  const { input, reviews } = review;
  const counts = reviewCounts(input.models);
  const fails = reviewFails(counts, inputs.failOn);
  const body = renderPrComment(input);
  const commenting = inputs.comment && pr !== void 0;
  const missing = review.missing.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const path of missing) {
    error(`${path} is named in ${configPath} but does not exist in this pull request.`, {
      file: configPath,
      title: "tunegate config"
    });
  }
  const commentSlot = commenting ? 1 : 0;
  const reserved = Math.max(missing.length + (fails ? 1 : 0), configWarnings.length + commentSlot);
  const problems = reviews.flatMap(
    (r) => r.report.files.flatMap((f) => collapseSystematic(f.problems, () => f.records).problems)
  );
  const unlisted = reviews.reduce((n, r) => n + r.report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const annotations = problemAnnotations(problems, {
    unlisted,
    fullListAt: "the job summary of this run",
    limitPerSeverity: Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - reserved)
  });
  for (const line of annotations) process.stdout.write(`${line}
`);
  const markdown = body.startsWith(`${MARKER}
`) ? body.slice(MARKER.length + 1) : body;
  const report = { markdown, context, pr, counts, failOn: inputs.failOn, input, problems };
  const paths = await writeReportFiles(reportDir, report);
  if (inputs.sarif) {
    const sarifPath = resolve(context.workspace, inputs.sarif);
    await writeSarif(sarifPath, reviews);
    info(`SARIF written to ${sarifPath}`);
  }
  await summary(renderReviewSummary(input));
  setOutputs(counts, fails, paths);
  if (commenting && pr) {
    const { comment, missing: reason } = await postComment(octokit, context, pr.number, body);
    if (comment) await writeReportFiles(reportDir, { ...report, comment });
    if (reason) {
      await summary(
        `

> [!NOTE]
> No review comment was written on #${pr.number}: ${safeInline(reason, 300)}
`
      );
    }
  }
  const sentence = `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")} in ${plural(input.models.length, "model")} reviewed`;
  if (fails) setFailed(`tunegate: ${sentence} (fail-on: ${inputs.failOn}).`);
  else info(`tunegate: ${sentence}.`);
}
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
      marker: MARKER,
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
        marker: MARKER,
        body: `${MARKER}
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
async function reportFailure(message) {
  const inputs = (() => {
    try {
      return readInputs();
    } catch {
      return void 0;
    }
  })();
  const context = runnerContext();
  const pr = pullRequestOf(context);
  const token = inputs?.token ?? getInput("github-token");
  const octokit = token ? createOctokit(token, context.apiUrl) : void 0;
  const markdown = [
    "## \u274C tunegate: the review did not finish",
    `It stopped on an error, so nothing here says whether the datasets are ready: ${safeInline(message, 1e3)}`,
    ...context.runUrl ? [`See ${safeLink("the run's log", context.runUrl)}.`] : []
  ].join("\n\n");
  await summary(
    `${markdown}${await replaceComment(octokit, context, pr, inputs?.comment ?? true, markdown)}`
  );
}
async function summary(markdown) {
  const result = await appendStepSummary(markdown);
  if (!result.written) warning(`The job summary was not written: ${result.reason}`);
}
function setOutputs(counts, fails, paths) {
  setOutput("valid", String(!fails));
  setOutput("errors", String(counts.errors));
  setOutput("warnings", String(counts.warnings));
  setOutput("report", paths.markdown);
  setOutput("report-json", paths.json);
}
function plural(n, noun) {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}
async function run() {
  try {
    await act();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await reportFailure(message).catch(
      (again) => warning(`The failure could not be reported in the comment or summary: ${String(again)}`)
    );
    throw err;
  }
}

// actions/validate/src/index.ts
await runAction(run);
