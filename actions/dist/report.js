import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  JobOutputError,
  converseAsker,
  createBedrockClient,
  createBedrockRuntimeClient,
  createS3Client,
  findJob,
  getJob,
  jobTags,
  listJobsByTag,
  markJobReported,
  readJobMetrics,
  reportedStatus
} from "./chunk-LMMROVNP.js";
import {
  ConfigNotFoundError,
  MAX_COMMENT_SIZE,
  NAME_PREFIX,
  TAG,
  UserError,
  checkGates,
  createOctokit,
  findPullRequestForCommit,
  getInput,
  info,
  isTerminal,
  loadConfig,
  parseEvalResults,
  parseFraction,
  readEvalSet,
  renderTrainingComment,
  resolveCatalog,
  runAction,
  runEvaluation,
  runnerContext,
  sanitizeUntrustedMarkdown,
  setFailed,
  setOutput,
  summarizeLosses,
  summary,
  trainCommentMarker,
  upsertComment,
  warning
} from "./chunk-P7MF2PP4.js";
import {
  external_exports
} from "./chunk-HDHXD4XB.js";
import "./chunk-UW26P3AS.js";
import "./chunk-KCCJD64M.js";

// actions/report/src/config.ts
import { isAbsolute, resolve } from "node:path";
async function loadReportModels(configPath, workspace, warn) {
  const path = isAbsolute(configPath) ? configPath : resolve(workspace, configPath);
  let parsed;
  try {
    parsed = await loadConfig(path, { repository: workspace });
  } catch (err) {
    if (err instanceof ConfigNotFoundError) {
      warn(`${configPath} not found: jobs are reported without evaluation settings.`);
      return { models: [] };
    }
    throw err;
  }
  for (const w of parsed.warnings) warn(w.message);
  const { root } = parsed.config;
  return {
    catalog: parsed.config.catalog,
    models: parsed.config.models.map((m) => ({
      name: m.name,
      baseModel: m.baseModel,
      region: m.region,
      evaluation: {
        ...m.evaluation ? { dataset: m.evaluation, datasetRoot: root } : {},
        ...m.labels ? { labelPattern: m.labels } : {}
      }
    }))
  };
}

// actions/report/src/from-report.ts
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
var VALIDATE_MARKER = "<!-- tunegate:validate -->";
var MAX_JSON_BYTES = 32 * 1024 * 1024;
var MAX_MARKDOWN_BYTES = 4 * 1024 * 1024;
var reportFileSchema = external_exports.object({
  headSha: external_exports.string().regex(/^[0-9a-f]{40}$/, "a 40-character lowercase hex commit SHA"),
  pullRequest: external_exports.number().int().positive().optional(),
  /** The comment body; when absent it is read from the Markdown file named by `markdownFile`. */
  markdown: external_exports.string().max(MAX_MARKDOWN_BYTES).optional(),
  markdownFile: external_exports.string().regex(/^[A-Za-z0-9._-]+$/, "a file name beside the JSON file (no directories)").optional()
}).loose();
var ReportFileError = class extends UserError {
  name = "ReportFileError";
};
async function readCapped(folder, name, max) {
  const path = join(folder, name);
  const refuse = (what) => new ReportFileError(
    `The report file ${path} is ${what}; from-report reads only regular files inside the report folder, never through a link.`
  );
  if (name === "." || name === ".." || name.includes("/") || name.includes("\\"))
    throw refuse("not a file name");
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (err) => {
      if (err.code === "ELOOP" || err.code === "EMLINK") throw refuse("a symbolic link");
      throw new ReportFileError(`Cannot read the report file ${path}: ${err.code ?? err.message}.`);
    }
  );
  try {
    const info2 = await handle.stat();
    if (!info2.isFile()) throw refuse("not a regular file");
    if (info2.nlink > 1) throw refuse("a hard link to another file");
    const [real, realFolder] = await Promise.all([realpath(path), realpath(folder)]);
    if (dirname(real) !== realFolder) throw refuse("outside the report folder");
    if (info2.size > max) {
      throw new ReportFileError(`The report file ${path} is ${info2.size} bytes; at most ${max} are read.`);
    }
    const buf = await handle.readFile();
    if (buf.length > max) {
      throw new ReportFileError(`The report file ${path} is ${buf.length} bytes; at most ${max} are read.`);
    }
    return buf.toString("utf8");
  } finally {
    await handle.close();
  }
}
async function readReportFile(path) {
  let json;
  try {
    json = JSON.parse(await readCapped(dirname(path), basename(path), MAX_JSON_BYTES));
  } catch (err) {
    if (err instanceof ReportFileError) throw err;
    throw new ReportFileError(`The report file ${path} is not JSON: ${err.message}`);
  }
  const parsed = reportFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ReportFileError(`The report file ${path} does not have the expected shape: ${issues}.`);
  }
  const report = parsed.data;
  let markdown = report.markdown;
  if (markdown === void 0) {
    const name = report.markdownFile ?? basename(path).replace(/\.json$/i, ".md");
    markdown = await readCapped(dirname(path), name, MAX_MARKDOWN_BYTES);
  }
  return { report, markdown };
}
async function postFromReport(options) {
  const { octokit, context } = options;
  const { report, markdown } = await readReportFile(options.path);
  const pr = await pullRequestOfRun(octokit, context, report.headSha);
  if (report.pullRequest !== void 0 && report.pullRequest !== pr.number) {
    options.warn(
      `The report file says it is for #${report.pullRequest}, but commit ${report.headSha} is the head of #${pr.number}; posting to #${pr.number}.`
    );
  }
  const body = `${VALIDATE_MARKER}
${sanitizeUntrustedMarkdown(
    markdown,
    MAX_COMMENT_SIZE - VALIDATE_MARKER.length - 1,
    {
      linkPrefix: `${context.serverUrl.replace(/\/+$/, "")}/${context.repository}/`
    }
  )}
`;
  const result = await upsertComment({
    octokit,
    owner: context.owner,
    repo: context.repo,
    issueNumber: pr.number,
    marker: VALIDATE_MARKER,
    body
  });
  if (result.action === "forbidden") {
    options.warn(result.reason);
    return { pr: pr.number, action: result.action };
  }
  options.log(`Validation report ${result.action} on #${pr.number}: ${result.url}`);
  return { pr: pr.number, commentUrl: result.url, action: result.action };
}
async function pullRequestOfRun(octokit, context, fileHeadSha) {
  const run2 = context.event.workflow_run;
  if (context.eventName !== "workflow_run" || typeof run2?.head_sha !== "string") {
    throw new ReportFileError(
      `from-report posts a report only from a workflow_run event, which names the run that wrote it; this run is a ${context.eventName || "(unknown)"} event, so the pull request cannot be told from the file's own word. Nothing posted.`
    );
  }
  const headSha = run2.head_sha;
  if (headSha !== fileHeadSha) {
    throw new ReportFileError(
      `The report names commit ${fileHeadSha}, but the workflow run that produced it ran on ${headSha}; refusing to post it.`
    );
  }
  const listed = (Array.isArray(run2.pull_requests) ? run2.pull_requests : []).find(
    (p) => typeof p?.number === "number" && p.head?.sha === headSha
  );
  const pr = listed ? await octokit.rest.pulls.get({ owner: context.owner, repo: context.repo, pull_number: listed.number }).then(({ data }) => ({ number: data.number, headSha: data.head.sha })) : await findPullRequestForCommit(octokit, context.owner, context.repo, headSha);
  if (!pr || pr.headSha !== headSha) {
    throw new ReportFileError(
      `No pull request in ${context.repository} has ${headSha} (the workflow run's head commit) as its head commit (it may have been pushed to since); nothing posted.`
    );
  }
  return pr;
}

// actions/report/src/inputs.ts
var InputError = class extends UserError {
  name = "InputError";
};
var optional = (name) => {
  const value = getInput(name).trim();
  return value === "" ? void 0 : value;
};
function readInputs() {
  const evalInput = (getInput("eval") || "false").trim();
  const evaluation = evalInput === "false" || evalInput === "" ? { kind: "off" } : evalInput === "true" ? { kind: "run" } : { kind: "file", path: evalInput };
  const token = getInput("github-token") || process.env.GITHUB_TOKEN || "";
  if (token === "")
    throw new InputError(
      "github-token is empty: pass the workflow's github.token or a token that may comment."
    );
  let minAccuracy;
  let maxRegression;
  try {
    minAccuracy = parseFraction("min-accuracy", getInput("min-accuracy"));
    maxRegression = parseFraction("max-regression", getInput("max-regression"));
  } catch (err) {
    throw new InputError(err.message);
  }
  const inputs = {
    config: getInput("config") || "tunegate.yml",
    jobs: getInput("jobs").split(/[\s,]+/).filter((j) => j !== ""),
    token,
    evaluation
  };
  const target = optional("target-model");
  const baseline = optional("baseline-model");
  const fromReport = optional("from-report");
  if (target) inputs.targetModel = target;
  if (baseline) inputs.baselineModel = baseline;
  if (minAccuracy !== void 0) inputs.minAccuracy = minAccuracy;
  if (maxRegression !== void 0) inputs.maxRegression = maxRegression;
  if (fromReport) inputs.fromReport = fromReport;
  return inputs;
}

// actions/report/src/evaluate.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join2, resolve as resolve2 } from "node:path";
async function evaluateJob(options) {
  const { settings } = options;
  const gatesAsked = options.gates.minAccuracy !== void 0 || options.gates.maxRegression !== void 0;
  const skip = (reason) => ({
    view: {
      skipped: reason,
      ...gatesAsked ? {
        gates: [
          {
            gate: options.gates.minAccuracy !== void 0 ? "min-accuracy" : "max-regression",
            threshold: options.gates.minAccuracy ?? options.gates.maxRegression ?? 0,
            passed: false,
            message: `a gate is set but no evaluation ran: ${reason}`
          }
        ]
      } : {}
    },
    gatesFailed: gatesAsked
  });
  let results;
  let resultsPath;
  if (options.resultsFile) {
    resultsPath = inWorkspace(options.workspace, options.resultsFile);
    const text = await readFile(resultsPath, "utf8").catch((err) => {
      throw new Error(
        `Cannot read the evaluation results ${options.resultsFile}: ${err.code ?? err.message}.`
      );
    });
    results = parseEvalResults(text, options.resultsFile);
    options.log(`Evaluation results read from ${options.resultsFile}.`);
  } else {
    if (!settings.dataset)
      return skip("the model has no evaluation dataset in tunegate.yml (evaluation.dataset).");
    if (!settings.target) {
      return skip(
        "no target model: a fine-tuned model is invoked through Provisioned Throughput. Create one, then set the target-model input to its ARN."
      );
    }
    if (!options.baseModel)
      return skip("the base model is not in the catalog, so the dataset format is unknown.");
    const set = await readEvalSet(inWorkspace(settings.datasetRoot ?? options.workspace, settings.dataset), {
      model: options.baseModel,
      name: settings.dataset
    });
    if (set.cases.length === 0)
      return skip(`${settings.dataset} has no record with a final assistant reply to compare against.`);
    const client = createBedrockRuntimeClient({ region: options.region });
    try {
      const ask = converseAsker(
        client,
        settings.maxTokens === void 0 ? {} : { maxTokens: settings.maxTokens }
      );
      options.log(
        `Evaluating ${settings.target}${settings.baseline ? ` and ${settings.baseline}` : ""} on ${set.cases.length} cases of ${settings.dataset}.`
      );
      const baselinePrices = settings.baseline ? pricesFor(settings.baseline, options) : void 0;
      results = await runEvaluation({
        cases: set.cases,
        target: { model: settings.target },
        ...settings.baseline ? { baseline: { model: settings.baseline, ...baselinePrices ? { prices: baselinePrices } : {} } } : {},
        ask,
        concurrency: settings.concurrency ?? 4,
        latencySource: "service",
        name: options.modelName,
        datasetPath: settings.dataset,
        skipped: set.skipped.length,
        ...settings.labelPattern === void 0 ? {} : { labelPattern: settings.labelPattern }
      });
    } finally {
      client.destroy();
    }
    await mkdir(options.outputDir, { recursive: true });
    resultsPath = join2(
      options.outputDir,
      `tunegate-eval-${safeName(options.modelName)}-${safeName(options.jobName)}.json`
    );
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}
`);
    options.log(`Evaluation results written to ${resultsPath}.`);
  }
  const gates = checkGates(results, options.gates);
  return {
    view: { results, gates },
    resultsPath,
    gatesFailed: gates.some((g) => !g.passed)
  };
}
function pricesFor(modelId, options) {
  const bare = modelId.replace(/^(us|eu|apac|global)\./, "").replace(/^arn:aws[^:]*:bedrock:[^:]*:[^:]*:foundation-model\//, "");
  const base = options.baseModel;
  if (base && (bare === base.id || bare === base.id.replace(/:\d+k$/, ""))) return base.prices;
  return options.catalog.find(bare)?.prices;
}
function inWorkspace(workspace, path) {
  return isAbsolute2(path) ? path : resolve2(workspace, path);
}
function safeName(text) {
  return text.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 80);
}

// actions/report/src/report-jobs.ts
var tagValue = (tags, key) => tags.find((t) => t.key === key)?.value;
async function reportJobs(options) {
  const { context, log } = options;
  const regions = [.../* @__PURE__ */ new Set([...options.models.map((m) => m.region), options.defaultRegion ?? ""])].filter(
    (r) => r !== ""
  );
  if (regions.length === 0) regions.push("");
  const result = {
    reported: [],
    bodies: [],
    jobFailed: false,
    gatesFailed: false,
    resultsFiles: [],
    errors: []
  };
  const repoTag = { key: TAG.repository, value: context.repository };
  const matched = /* @__PURE__ */ new Set();
  for (const region of regions) {
    const bedrock = createBedrockClient(region ? { region } : {});
    const s3 = createS3Client(region ? { region } : {});
    try {
      const known = await listJobsByTag(bedrock, repoTag, {
        nameContains: `${NAME_PREFIX}-`,
        limit: 100,
        maxScanned: 500
      });
      let selected;
      if (options.jobs.length > 0) {
        selected = [];
        for (const id of options.jobs) {
          if (matched.has(id)) continue;
          const found = known.find((j) => j.jobArn === id || j.jobName === id);
          if (found) {
            matched.add(id);
            selected.push(found);
            continue;
          }
          if (regions.length > 1 && !id.startsWith(`arn:aws:bedrock:${region}:`) && id.startsWith("arn:"))
            continue;
          const details = await findJob(bedrock, id);
          if (!details) continue;
          matched.add(id);
          const tags = await jobTags(bedrock, details.jobArn);
          const owner = tags.find((t) => t.key === TAG.repository)?.value;
          if (owner !== context.repository) {
            result.errors.push(
              `${details.jobName} was started for ${owner ?? "no repository (no tunegate:repository tag)"}, not ${context.repository}`
            );
            continue;
          }
          selected.push({
            jobArn: details.jobArn,
            jobName: details.jobName,
            status: details.status,
            creationTime: details.creationTime,
            tags
          });
        }
      } else {
        selected = known.filter((j) => isTerminal(j.status) && reportedStatus(j.tags) !== j.status);
        log(
          `${region || "default Region"}: ${known.length} job(s) of ${context.repository}, ${selected.length} to report.`
        );
      }
      selected.sort((a, b) => (a.creationTime?.getTime() ?? 0) - (b.creationTime?.getTime() ?? 0));
      const completedInRun = selected.filter((j) => j.status === "Completed").length;
      for (const job of selected) {
        try {
          result.reported.push(
            await reportOne(job, known, { ...options, bedrock, s3, region, completedInRun }, result)
          );
        } catch (err) {
          result.errors.push(`${job.jobName}: ${err.message}`);
        }
      }
    } finally {
      bedrock.destroy();
      s3.destroy();
    }
  }
  for (const id of options.jobs.filter((j) => !matched.has(j))) {
    result.errors.push(`no customization job ${id} in ${regions.join(", ") || "the default Region"}`);
  }
  return result;
}
async function reportOne(listed, known, ctx, result) {
  const { log, warn } = ctx;
  const job = await getJob(ctx.bedrock, listed.jobArn);
  const modelName = tagValue(listed.tags, TAG.model) ?? job.customModelName ?? job.jobName;
  const model = ctx.models.find((m) => m.name === modelName);
  const baseModel = model?.baseModel ?? (job.baseModelArn ? ctx.catalog.find(job.baseModelArn) : void 0);
  log(`${job.jobName} (${modelName}): ${job.status}.`);
  const metricsNotes = [];
  const curves = job.status === "Completed" ? await curvesOf(job, ctx.s3, metricsNotes) : {};
  const baselineJob = known.find(
    (k) => k.jobArn !== job.jobArn && k.status === "Completed" && tagValue(k.tags, TAG.model) === modelName && (k.creationTime?.getTime() ?? 0) < (job.creationTime?.getTime() ?? 0)
  );
  let baseline;
  if (baselineJob && job.status === "Completed") {
    const notes = [];
    const base = await curvesOf(await getJob(ctx.bedrock, baselineJob.jobArn), ctx.s3, notes);
    baseline = {
      jobName: baselineJob.jobName,
      ...base.training ? { training: base.training.summary } : {},
      ...base.validation ? { validation: base.validation.summary } : {}
    };
    for (const n of notes) metricsNotes.push(`Baseline ${baselineJob.jobName}: ${n}`);
  }
  let evaluation;
  if (ctx.evaluation.kind !== "off" && job.status === "Completed") {
    const single = ctx.completedInRun === 1;
    if (!single && (ctx.targetModel || ctx.baselineModel)) {
      warn(
        "target-model and baseline-model apply to one job; several completed jobs are reported, so each model's evaluation settings in tunegate.yml are used."
      );
    }
    const settings = { ...model?.evaluation };
    if (single && ctx.targetModel) settings.target = ctx.targetModel;
    if (single && ctx.baselineModel) settings.baseline = ctx.baselineModel;
    try {
      evaluation = await evaluateJob({
        modelName,
        jobName: job.jobName,
        region: ctx.region || model?.region || "",
        baseModel,
        catalog: ctx.catalog,
        settings,
        ...ctx.evaluation.kind === "file" && single ? { resultsFile: ctx.evaluation.path } : {},
        gates: ctx.gates,
        workspace: ctx.context.workspace,
        outputDir: ctx.context.tempDir,
        log
      });
    } catch (err) {
      warn(`Evaluation of ${job.jobName} failed: ${err.message}`);
      evaluation = {
        view: { skipped: `the evaluation failed: ${err.message}` },
        gatesFailed: ctx.gates.minAccuracy !== void 0 || ctx.gates.maxRegression !== void 0
      };
    }
    if (evaluation.resultsPath) result.resultsFiles.push(evaluation.resultsPath);
    if (evaluation.gatesFailed) result.gatesFailed = true;
    for (const g of evaluation.view.gates ?? []) (g.passed ? log : warn)(`${g.gate}: ${g.message}`);
  }
  const marker = trainCommentMarker(modelName, job.jobName);
  const body = renderTrainingComment({
    marker,
    modelName,
    ...baseModel ? { baseModel } : {},
    job: {
      jobName: job.jobName,
      jobArn: job.jobArn,
      status: job.status,
      ...job.creationTime ? { creationTime: job.creationTime } : {},
      ...job.endTime ? { endTime: job.endTime } : {},
      hyperParameters: job.hyperParameters,
      ...job.failureMessage ? { failureMessage: job.failureMessage } : {},
      ...job.customModelArn ? { outputModelArn: job.customModelArn } : {},
      ...job.baseModelArn ? { baseModelId: job.baseModelArn } : {}
    },
    ...curves,
    ...metricsNotes.length ? { metricsNotes } : {},
    ...baseline ? { baseline } : {},
    ...evaluation ? { evaluation: evaluation.view } : {}
  });
  result.bodies.push(body);
  if (job.status === "Failed" || job.status === "Stopped") result.jobFailed = true;
  const pr = await pullRequestOf(listed.tags, ctx);
  let commentUrl = null;
  let posted = false;
  if (pr === void 0) {
    warn(
      `${job.jobName}: no pull request found (no ${TAG.pullRequest} tag, and no PR for its commit); the report is in the job summary only.`
    );
  } else {
    const upsert = await upsertComment({
      octokit: ctx.octokit,
      owner: ctx.context.owner,
      repo: ctx.context.repo,
      issueNumber: pr,
      marker,
      body
    });
    if (upsert.action === "forbidden") warn(upsert.reason);
    else {
      posted = true;
      commentUrl = upsert.url;
      log(`${job.jobName}: comment ${upsert.action} on #${pr} (${upsert.url}).`);
    }
  }
  if (posted && isTerminal(job.status) && reportedStatus(listed.tags) !== job.status) {
    const problem = await markJobReported(ctx.bedrock, job.jobArn, job.status);
    if (problem) warn(problem);
  }
  return { model: modelName, jobArn: job.jobArn, status: job.status, pr: pr ?? null, commentUrl };
}
async function curvesOf(job, s3, notes) {
  if (!job.outputS3Uri) {
    notes.push("The job names no output folder, so no metrics were read.");
    return {};
  }
  try {
    const m = await readJobMetrics(s3, { outputS3Uri: job.outputS3Uri, jobArn: job.jobArn });
    const out = {};
    for (const [key, file] of [
      ["training", m.training],
      ["validation", m.validation]
    ]) {
      if (!file) continue;
      if (file.skipped.length > 0) {
        notes.push(
          `${file.skipped.length} row(s) of ${file.uri} have no readable loss (first: line ${file.skipped[0].line}, ${file.skipped[0].reason}).`
        );
      }
      const summary2 = summarizeLosses(file.points);
      if (summary2) out[key] = { points: file.points, summary: summary2, source: file.uri };
    }
    if (!m.training)
      notes.push(
        `No step_wise_training_metrics.csv under the job's output folder (${m.keys.length} files there).`
      );
    return out;
  } catch (err) {
    notes.push(
      err instanceof JobOutputError ? err.message : `Reading the metrics failed: ${err.message}`
    );
    return {};
  }
}
async function pullRequestOf(tags, ctx) {
  const tagged = Number(tagValue(tags, TAG.pullRequest));
  if (Number.isInteger(tagged) && tagged > 0) return tagged;
  const commit = tagValue(tags, TAG.commit);
  if (!commit) return void 0;
  const pr = await findPullRequestForCommit(ctx.octokit, ctx.context.owner, ctx.context.repo, commit);
  return pr?.number;
}

// actions/report/src/main.ts
async function act() {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = createOctokit(inputs.token, context.apiUrl);
  const log = (m) => info(m);
  const warn = (m) => warning(m);
  if (inputs.fromReport) {
    const posted = await postFromReport({ path: inputs.fromReport, octokit, context, log, warn });
    setOutput("reported", JSON.stringify([]));
    setOutput("failed", "false");
    setOutput("eval-results", "[]");
    await summary.addRaw(`tunegate posted the validation report to #${posted.pr} (${posted.action}).`, true).write();
    return;
  }
  const { models, catalog } = await loadReportModels(inputs.config, context.workspace, warn);
  const result = await reportJobs({
    context,
    octokit,
    models,
    catalog: catalog ?? resolveCatalog(),
    jobs: inputs.jobs,
    evaluation: inputs.evaluation,
    ...inputs.targetModel ? { targetModel: inputs.targetModel } : {},
    ...inputs.baselineModel ? { baselineModel: inputs.baselineModel } : {},
    gates: {
      ...inputs.minAccuracy === void 0 ? {} : { minAccuracy: inputs.minAccuracy },
      ...inputs.maxRegression === void 0 ? {} : { maxRegression: inputs.maxRegression }
    },
    ...process.env.AWS_REGION ? { defaultRegion: process.env.AWS_REGION } : {},
    log,
    warn
  });
  setOutput("reported", JSON.stringify(result.reported));
  setOutput("failed", String(result.jobFailed || result.gatesFailed));
  setOutput("eval-results", JSON.stringify(result.resultsFiles));
  if (result.bodies.length === 0) log("No job to report.");
  else {
    let summary2 = "";
    for (const body of result.bodies) {
      if (summary2.length + body.length > 1e6) break;
      summary2 += `${body}
---

`;
    }
    await summary.addRaw(summary2, true).write();
  }
  if (result.errors.length > 0) {
    setFailed(`${result.errors.length} job(s) could not be reported: ${result.errors.join("; ")}`);
  } else if (result.gatesFailed) {
    setFailed("An evaluation gate was crossed or could not be checked; see the comment and the log.");
  }
}
async function run() {
  await act();
}

// actions/report/src/index.ts
await runAction(run);
