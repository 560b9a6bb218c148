import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  sha256File
} from "./chunk-UQRZZD32.js";
import {
  BedrockJobError,
  consoleCustomModelUrl,
  consoleCustomModelsUrl,
  createBedrockClient,
  createJob,
  decideFromExisting,
  explainBedrockError,
  findJob,
  findJobsByName,
  getJob,
  isTerminal,
  listJobsByTag,
  loadProjectConfig,
  require_dist_cjs2 as require_dist_cjs,
  systemClock,
  waitForJob
} from "./chunk-6XH6DGDM.js";
import "./chunk-BWDY3MZG.js";
import {
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  JobPlanError,
  NAME_PREFIX,
  TAG,
  calibrateFromHead,
  changedModels,
  createOctokit,
  datasetModel,
  debug,
  diffPaths,
  endGroup,
  epochsFor,
  error,
  estimateTrainingCost,
  estimatedTokens,
  findComment,
  findPullRequestForCommit,
  getInput,
  httpStatus,
  info,
  isAncestor,
  lifecycleWarning,
  loadTokenizer,
  modelFingerprint,
  parseConfig,
  pathsChangedSince,
  planJob,
  readTextAt,
  repositoryName,
  runAction,
  runnerContext,
  safeCode,
  safeInline,
  setFailed,
  setOutput,
  startGroup,
  summary,
  toWorkflowCommands,
  tokenLogin,
  trainCommentMarker,
  upsertComment,
  validateDatasets,
  warning
} from "./chunk-SF3AE7MZ.js";
import {
  formatBytes,
  nodeDatasetIo
} from "./chunk-4RDVGVTU.js";
import {
  checkBedrockS3Uri
} from "./chunk-MKUFDRPV.js";
import "./chunk-MD7VIVGE.js";
import "./chunk-YJHR75G7.js";
import {
  UserError
} from "./chunk-NVIAX47T.js";
import "./chunk-3ZJ4CE23.js";
import {
  __toESM
} from "./chunk-KCCJD64M.js";

// actions/train/src/main.ts
import { existsSync } from "node:fs";

// packages/aws/src/base-model-lifecycle.ts
var import_client_bedrock = __toESM(require_dist_cjs(), 1);
var RetiredBaseModelError = class extends UserError {
  constructor(message, lifecycle, hint) {
    super(message, { fix: hint });
    this.lifecycle = lifecycle;
    this.hint = hint;
  }
  lifecycle;
  hint;
  name = "RetiredBaseModelError";
};
var day = (date) => date.toISOString().slice(0, 10);
async function getBaseModelLifecycle(bedrock, baseModelId, region) {
  let answer;
  try {
    answer = await bedrock.send(new import_client_bedrock.GetFoundationModelCommand({ modelIdentifier: baseModelId }));
  } catch (error2) {
    throw explainBedrockError(error2, { operation: "GetFoundationModel", region, baseModelId });
  }
  const lifecycle = answer.modelDetails?.modelLifecycle;
  return {
    modelId: baseModelId,
    region,
    // A model without lifecycle details is one AWS has not scheduled for retirement.
    status: lifecycle?.status ?? "ACTIVE",
    legacyTime: lifecycle?.legacyTime,
    publicExtendedAccessTime: lifecycle?.publicExtendedAccessTime,
    endOfLifeTime: lifecycle?.endOfLifeTime
  };
}
function retirementOf(lifecycle, now) {
  const eol = lifecycle.endOfLifeTime;
  if (eol && eol <= now) return `end-of-life since ${day(eol)}`;
  if (lifecycle.status === "ACTIVE") return void 0;
  const since = lifecycle.legacyTime ? ` since ${day(lifecycle.legacyTime)}` : "";
  return `${lifecycle.status.toLowerCase()}${since}${eol ? `, end-of-life on ${day(eol)}` : ""}`;
}
async function guardBaseModelLifecycle(input) {
  const { model, baseModelId, region } = input;
  const lifecycle = await getBaseModelLifecycle(input.bedrock, baseModelId, region);
  const retired = retirementOf(lifecycle, input.now ?? /* @__PURE__ */ new Date());
  if (retired === void 0) return { trainable: true, lifecycle, overridden: false };
  const named = input.baseModelName ? `${input.baseModelName} (${baseModelId})` : baseModelId;
  const status = `${named} is ${retired} in ${region} (source: Bedrock GetFoundationModel, modelLifecycle)`;
  if (input.allowLegacyBase) {
    return {
      trainable: true,
      lifecycle,
      overridden: true,
      warning: `${model}: ${status}; training anyway because the model sets allowLegacyBase: true.`
    };
  }
  const hint = "AWS starts no new fine-tuning jobs on a legacy or end-of-life base model. Move the model in tunegate.yml to an active base model, such as Amazon Nova 2 Lite (amazon.nova-2-lite-v1:0:256k) or Nova Lite (amazon.nova-lite-v1:0:300k) in us-east-1, with its dataset in the bedrock-conversation-2024 format. If your account keeps access under a private arrangement with the provider, set allowLegacyBase: true on the model (docs/configuration.md).";
  throw new RetiredBaseModelError(
    // Callers put the model's name in front, as they do for every other failure.
    `${status}. Nothing was uploaded and no job was started. ${hint}`,
    lifecycle,
    hint
  );
}

// packages/aws/src/s3-client-on-demand.ts
async function createS3ClientOnDemand(options = {}) {
  const { createS3Client } = await import("./chunk-E3MZUZ2R.js");
  return createS3Client(options);
}

// packages/aws/src/training-launch.ts
import { randomBytes } from "node:crypto";
async function hashDatasets(files) {
  const train2 = await sha256File(files.train);
  if (files.validation === void 0) return { train: train2 };
  return { train: train2, validation: await sha256File(files.validation) };
}
function planTrainingJob(input) {
  try {
    return planJob(input);
  } catch (error2) {
    if (!(error2 instanceof JobPlanError)) throw error2;
    const explained = error2.problems.map((problem) => {
      if (!problem.field.endsWith("s3Uri")) return problem;
      const uri = /"(s3:\/\/[^"]*)"/.exec(problem.message)?.[1];
      const check = uri === void 0 ? void 0 : checkBedrockS3Uri(uri);
      if (!check || check.ok) return problem;
      return { field: problem.field, message: check.problems.map((p) => `${p.part} ${p.message}`).join(" ") };
    });
    const byMessage = /* @__PURE__ */ new Map();
    for (const p of explained) byMessage.set(p.message, [...byMessage.get(p.message) ?? [], p.field]);
    const unique = [...byMessage].map(([message, fields]) => ({ field: fields.join(", "), message }));
    throw new JobPlanError(error2.model, unique);
  }
}
async function launchTrainingJob(input) {
  const { bedrock, files } = input;
  let plan = planTrainingJob(input.plan);
  const decision = decideFromExisting(plan, await findJobsByName(bedrock, plan.nameFragment));
  if (decision.action === "reuse") {
    return {
      plan,
      job: await getJob(bedrock, decision.job.jobArn),
      created: false,
      uploads: [],
      earlier: []
    };
  }
  if (decision.attempt !== plan.attempt) plan = planTrainingJob({ ...input.plan, attempt: decision.attempt });
  const lifecycle = await guardBaseModelLifecycle({
    bedrock,
    model: plan.model,
    baseModelId: plan.baseModel.id,
    baseModelName: plan.baseModel.name,
    region: plan.region,
    allowLegacyBase: input.plan.model.allowLegacyBase,
    now: input.now
  });
  const uploads = [];
  if (plan.uploads.length > 0) {
    const { uploadDataset } = await import("./chunk-QIDUHVQ2.js");
    const s3 = typeof input.s3 === "function" ? await input.s3() : input.s3;
    for (const upload of plan.uploads) {
      const file = upload.role === "train" ? files.train : files.validation;
      if (file === void 0) throw new Error(`No ${upload.role} file was given for ${upload.uri}`);
      uploads.push(
        await uploadDataset({
          client: s3,
          bucket: upload.bucket,
          key: upload.key,
          file,
          sha256: upload.sha256,
          bytes: upload.bytes,
          kmsKeyId: upload.kmsKeyId,
          onProgress: input.onUploadProgress ? (p) => input.onUploadProgress?.(upload.role, p) : void 0
        })
      );
    }
  }
  let jobArn;
  let created = true;
  try {
    ({ jobArn } = await createJob(bedrock, { ...plan.request, clientRequestToken: runToken(plan) }));
  } catch (error2) {
    const holder = isNameClash(error2) ? await findJob(bedrock, plan.request.jobName) : void 0;
    if (!holder) throw error2;
    jobArn = holder.jobArn;
    created = false;
  }
  try {
    const job = await getJob(bedrock, jobArn);
    return { plan, job, created, uploads, earlier: decision.earlier, lifecycle };
  } catch (error2) {
    const readError = error2 instanceof Error ? error2.message : String(error2);
    return {
      plan,
      job: requestedJob(plan, jobArn),
      created,
      uploads,
      earlier: decision.earlier,
      lifecycle,
      readError
    };
  }
}
function runToken(plan) {
  return `${plan.request.clientRequestToken}-${randomBytes(8).toString("hex")}`;
}
var NAME_CLASH_TYPES = /* @__PURE__ */ new Set(["ConflictException", "ResourceInUseException"]);
function isNameClash(error2) {
  const code = error2 instanceof BedrockJobError ? error2.code : error2?.name;
  return typeof code === "string" && NAME_CLASH_TYPES.has(code);
}
function requestedJob(plan, jobArn) {
  const { request } = plan;
  return {
    jobArn,
    jobName: request.jobName,
    status: "Unknown",
    customModelName: request.customModelName,
    roleArn: request.roleArn,
    trainingS3Uri: request.trainingDataConfig.s3Uri,
    validationS3Uris: (request.validationDataConfig?.validators ?? []).flatMap(
      (v) => v.s3Uri ? [v.s3Uri] : []
    ),
    outputS3Uri: request.outputDataConfig.s3Uri,
    hyperParameters: { ...request.hyperParameters },
    customizationType: request.customizationType,
    ...request.customizationConfig ? { customizationConfig: request.customizationConfig } : {},
    validationLosses: []
  };
}

// packages/aws/src/training-prepare.ts
import { resolve } from "node:path";
function trainingTarget(model, root, repository = root) {
  const at = (path) => resolve(root, path);
  const named = (path) => repositoryName(repository, at(path));
  return {
    model,
    files: {
      train: at(model.training),
      validation: model.validation === void 0 ? void 0 : at(model.validation)
    },
    names: {
      train: named(model.training),
      validation: model.validation === void 0 ? void 0 : named(model.validation)
    },
    severities: model.severities,
    labelPattern: model.labels
  };
}
async function prepareTraining(target, options) {
  const { model, files } = target;
  const report = await validateTarget(target, options);
  if (report.summary.errors > 0) return { ok: false, stage: "validate", target, report };
  const planInput = {
    model,
    datasets: await hashDatasets(files),
    commit: options.commit,
    repository: options.repository,
    pullRequest: options.pullRequest
  };
  let plan;
  try {
    plan = planTrainingJob(planInput);
  } catch (error2) {
    if (error2 instanceof JobPlanError) return { ok: false, stage: "plan", target, report, error: error2 };
    throw error2;
  }
  return {
    ok: true,
    target,
    report,
    plan,
    planInput,
    cost: costOf(target, report.files.find((f) => f.role === "train").stats.tokens.total, plan),
    lifecycle: lifecycleWarning(model.baseModel, options.today)
  };
}
async function calibrateCost(prepared, options) {
  if (options.calibrateTokens !== false) return prepared;
  const { target, report, plan } = prepared;
  const calibration = await calibrateFromHead(
    { path: target.files.train },
    datasetModel(target.model),
    nodeDatasetIo,
    await loadTokenizer()
  );
  const train2 = report.files.find((f) => f.role === "train");
  const tokens = estimatedTokens(train2.stats.characters, calibration);
  return { ...prepared, cost: costOf(target, tokens, plan) };
}
function validateTarget(target, options) {
  const { model, files, names } = target;
  const datasetFiles = [{ path: files.train, role: "train", name: names.train }];
  if (files.validation !== void 0) {
    datasetFiles.push({
      path: files.validation,
      role: "validation",
      name: names.validation ?? files.validation
    });
  }
  return validateDatasets(datasetFiles, {
    model: datasetModel(model),
    io: nodeDatasetIo,
    ...target.severities ? { severities: target.severities } : {},
    ...target.labelPattern === void 0 ? {} : { labelPattern: target.labelPattern },
    ...options.parallel ? { parallel: options.parallel } : {},
    ...options.onProgress ? { onProgress: options.onProgress } : {},
    ...options.calibrateTokens === false ? { calibrateTokens: false } : {}
  });
}
function costOf(target, trainTokens, plan) {
  const { baseModel } = target.model;
  return estimateTrainingCost(baseModel, trainTokens, epochsFor(baseModel, plan.effectiveHyperparameters));
}

// packages/usecases/src/status.ts
var MAX_SCANNED = 200;
function repositoryJobs(client, repository, limit = MAX_SCANNED) {
  return listJobsByTag(
    client,
    { key: TAG.repository, value: repository },
    { nameContains: `${NAME_PREFIX}-`, limit, maxScanned: MAX_SCANNED }
  );
}

// packages/usecases/src/train/changed-paths.ts
var ChangedPathsError = class extends UserError {
  name = "ChangedPathsError";
};
async function changedPaths(options) {
  const { workspace, sha } = options;
  const before = options.before && !/^0+$/.test(options.before) ? options.before : void 0;
  const sinceBefore = before ? await pathsChangedSince(workspace, before, sha) : void 0;
  if (sinceBefore) {
    return {
      paths: sinceBefore,
      source: `git diff ${before.slice(0, 7)}..${sha.slice(0, 7)} (the whole push)`,
      base: before
    };
  }
  try {
    return {
      paths: await diffPaths(workspace, `${sha}^1`, sha),
      source: `git diff ${sha.slice(0, 7)}^1 (first parent)`,
      base: `${sha}^1`
    };
  } catch (gitError) {
    if (!options.compare || !before) {
      throw new ChangedPathsError(
        `Cannot tell which files commit ${sha.slice(0, 7)} changed: git could not compare it with its parent (${gitError.message}), and ${before ? "no GitHub token was given" : "the event names no earlier commit"}. Check out with \`fetch-depth: 2\`, or name the models to train in the \`models\` input.`
      );
    }
    const files = await options.compare(before, sha);
    if (files.length >= 300) {
      throw new ChangedPathsError(
        `The push changed ${files.length} or more files, more than GitHub's compare API lists. Check out with \`fetch-depth: 2\` so tunegate can read the change from git, or name the models in the \`models\` input.`
      );
    }
    const paths = files.flatMap(
      (f) => f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]
    );
    return { paths, source: `GitHub compare ${before.slice(0, 7)}...${sha.slice(0, 7)}`, base: before };
  }
}

// packages/usecases/src/train/clients.ts
var RegionClients = class {
  /** `env`: where endpoints and credentials come from (default: the process's environment). */
  constructor(env) {
    this.env = env;
  }
  env;
  #s3 = /* @__PURE__ */ new Map();
  #bedrock = /* @__PURE__ */ new Map();
  s3(region) {
    const client = this.#s3.get(region) ?? createS3ClientOnDemand({ region, ...this.env ? { env: this.env } : {} });
    this.#s3.set(region, client);
    return client;
  }
  bedrock(region) {
    const client = this.#bedrock.get(region) ?? createBedrockClient({ region, ...this.env ? { env: this.env } : {} });
    this.#bedrock.set(region, client);
    return client;
  }
  /** Closes every client; one still being made is closed as soon as it is made. */
  destroy() {
    for (const client of this.#s3.values())
      client.then(
        (made) => made.destroy(),
        () => {
        }
      );
    for (const client of this.#bedrock.values()) client.destroy();
    this.#s3.clear();
    this.#bedrock.clear();
  }
};

// packages/usecases/src/train/last-trained.ts
async function lastTrainedCommits(clients, repository) {
  const jobs = [];
  for (const client of clients.values()) {
    jobs.push(...await repositoryJobs(client, repository));
  }
  jobs.sort((a, b) => (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0));
  const byModel = /* @__PURE__ */ new Map();
  const commits = [];
  for (const job of jobs) {
    const model = job.tags.find((t) => t.key === TAG.model)?.value;
    const commit = job.tags.find((t) => t.key === TAG.commit)?.value;
    if (!commit) continue;
    if (!commits.includes(commit)) commits.push(commit);
    if (model && !byModel.has(model)) byModel.set(model, commit);
  }
  return { byModel, commits };
}

// packages/usecases/src/train/select.ts
import { dirname, isAbsolute, resolve as resolve2 } from "node:path";
async function modelsChangedBy(config, paths, workspace, base) {
  const changed = changedModels(config, paths, { repositoryRoot: workspace });
  if (!changed.some((c) => c.configChanged)) return { names: changed.map((c) => c.model.name) };
  const parent = await configAt(config, workspace, base);
  if (!parent) {
    return {
      names: changed.map((c) => c.model.name),
      note: "tunegate.yml changed and its previous version could not be read from git: every model counts as changed."
    };
  }
  const before = new Map(parent.models.map((m) => [m.name, modelFingerprint(m)]));
  const names = changed.filter((c) => {
    const datasetChanged = c.paths.length > 1 || !c.configChanged;
    return datasetChanged || before.get(c.model.name) !== modelFingerprint(c.model);
  }).map((c) => c.model.name);
  return { names };
}
async function configAt(config, workspace, base) {
  const absolute = isAbsolute(config.path) ? config.path : resolve2(workspace, config.path);
  const text = await readTextAt(workspace, base, repositoryName(workspace, absolute));
  if (text === void 0) return void 0;
  try {
    return parseConfig(text, { path: config.path, root: dirname(absolute) }).config;
  } catch {
    return void 0;
  }
}
async function modelsChangedInPush(s) {
  const { config, workspace, sha, log: log2 } = s;
  const changed = await changedPaths({ workspace, sha, before: s.before, compare: s.compare });
  log2.info(`Changed files (${changed.source}): ${changed.paths.length}`);
  const selected = await modelsChangedBy(config, changed.paths, workspace, changed.base);
  if (selected.note) log2.info(selected.note);
  const names = new Set(selected.names);
  if (!s.bedrock) {
    log2.info("Dry run: the models this push changed, without looking up what earlier runs trained.");
    return [...names];
  }
  let last;
  try {
    const clients = new Map(config.models.map((m) => [m.region, s.bedrock(m.region)]));
    last = await lastTrainedCommits(clients, s.repository);
  } catch (error2) {
    log2.warning(
      `Could not read which commits the models were last trained on (${error2.message}); only this push's changes count, so a model changed by a skipped or cancelled run is not caught up.`
    );
    return [...names];
  }
  let floor;
  for (const commit of last.commits) {
    if (commit === sha || await isAncestor(workspace, commit, sha)) {
      floor = commit;
      break;
    }
  }
  const bases = /* @__PURE__ */ new Map();
  for (const m of config.models) {
    if (names.has(m.name)) continue;
    const base = last.byModel.get(m.name) ?? floor;
    if (!base || base === sha) continue;
    bases.set(base, [...bases.get(base) ?? [], m.name]);
  }
  for (const [base, models] of bases) {
    const paths = await pathsChangedSince(workspace, base, sha);
    if (!paths) {
      log2.info(
        `${models.join(", ")}: last trained at ${base.slice(0, 7)}, which is not in this checkout's history; changes since then are not looked for (check out with fetch-depth: 0 to catch up skipped runs).`
      );
      continue;
    }
    const since = await modelsChangedBy(config, paths, workspace, base);
    for (const name of since.names.filter((n) => models.includes(n))) {
      log2.info(`${name}: changed since ${base.slice(0, 7)}, the commit it was last trained on; catching up.`);
      names.add(name);
    }
  }
  return config.models.map((m) => m.name).filter((n) => names.has(n));
}

// packages/usecases/src/train.ts
async function train(request, ports) {
  const events = ports.events ?? {};
  const runs = [];
  const prepare = {
    ...request.prepare,
    calibrateTokens: request.prepare.calibrateTokens ?? request.dryRun
  };
  for (const target of request.targets) {
    const run2 = { name: target.model.name, prepared: await prepareTraining(target, prepare) };
    runs.push(run2);
    events.prepared?.(run2);
  }
  events.preparedAll?.();
  const blocked = runs.filter((r) => !r.prepared?.ok);
  if (blocked.length > 0) return { outcome: "blocked", runs, blocked };
  const ready = runs;
  if (request.dryRun) return { outcome: "dry-run", runs: ready };
  for (const r of ready) {
    const region = r.prepared.plan.region;
    try {
      const launch = await launchTrainingJob({
        s3: () => ports.clients.s3(region),
        bedrock: ports.clients.bedrock(region),
        plan: r.prepared.planInput,
        files: r.prepared.target.files,
        onUploadProgress: (role, p) => events.uploadProgress?.(r.name, role, p)
      });
      r.launch = launch;
      r.job = launch.job;
      events.launched?.({ ...r, launch });
    } catch (error2) {
      r.error = error2.message;
      events.launchFailed?.(r, error2);
    }
  }
  for (const r of ready) {
    if (!r.launch?.created) continue;
    try {
      r.prepared = await calibrateCost(r.prepared, prepare);
    } catch {
    }
  }
  if (ports.jobStarted) {
    for (const r of ready) {
      if (r.launch?.created) r.comment = await ports.jobStarted({ ...r, launch: r.launch });
    }
  }
  if (request.waitMinutes > 0) await waitForAll(ready, request.waitMinutes, ports, events);
  const failed = runs.filter((r) => r.error || r.job?.status === "Failed" || r.job?.status === "Stopped");
  return { outcome: "launched", runs, failed };
}
async function waitForAll(runs, minutes, ports, events) {
  const deadline = ports.clock.now().getTime() + minutes * 6e4;
  const remaining = () => Math.max(0, deadline - ports.clock.now().getTime());
  const intervalMs = Math.min(3e4, Math.max(1e3, minutes * 6e4 / 20));
  for (const r of runs) {
    if (!r.launch || !r.job || isTerminal(r.job.status)) continue;
    events.waiting?.({ ...r, job: r.job }, remaining());
    try {
      r.job = await waitForJob(ports.clients.bedrock(r.launch.plan.region), r.job.jobArn, {
        timeoutMs: remaining(),
        intervalMs,
        onPoll: (job) => events.polled?.(r, job)
      });
    } catch (error2) {
      r.error = error2.message;
      events.waitFailed?.(r, error2);
      continue;
    }
    events.waited?.({ ...r, job: r.job });
  }
}
function failureLines(failed) {
  return failed.map(
    (r) => `${r.name}: ${r.error ?? `job ${r.job?.jobName} ${r.job?.status}${r.job?.failureMessage ? `: ${r.job.failureMessage}` : ""}`}`
  ).join("\n");
}

// actions/train/src/events.ts
function logEvents(options) {
  const reported = /* @__PURE__ */ new Map();
  return {
    prepared: (r) => reportPrepared(r.prepared),
    uploadProgress(name, role, p) {
      if (p.total === 0) return;
      const quarter = Math.floor(p.loaded / p.total * 4);
      if ((reported.get(`${name}\0${role}`) ?? -1) >= quarter) return;
      reported.set(`${name}\0${role}`, quarter);
      info(`${name}: uploading ${role} data ${Math.round(p.loaded / p.total * 100)}% of ${p.total} bytes`);
    },
    launched(r) {
      logLaunch(r.launch, r.name);
      if (options.comment && !r.launch.created) {
        info(`${r.name}: the run that started ${r.launch.job.jobName} comments on it.`);
      }
    },
    launchFailed: (r) => error(`${r.name}: ${r.error}`),
    waiting: (r, ms) => info(`${r.name}: waiting up to ${Math.round(ms / 1e3)} s for ${r.job.jobName} to end`),
    polled: (r, job) => debug(`${r.name}: ${job.status}`),
    waited: (r) => info(
      `${r.name}: job ${r.job.jobName} is ${r.job.status}${r.job.failureMessage ? `: ${r.job.failureMessage}` : ""}`
    ),
    waitFailed: (r) => error(`${r.name}: ${r.error}`)
  };
}
function annotateDataProblems(runs, blocked) {
  const reports = runs.flatMap(
    (r) => r.prepared && !r.prepared.ok && r.prepared.stage === "validate" ? [r.prepared.report] : []
  );
  if (reports.length === 0) return;
  const problems = reports.flatMap((report) => report.files.flatMap((f) => f.problems));
  const unlisted = reports.reduce((n, report) => n + report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const limitPerSeverity = Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - blocked - 1);
  for (const line of toWorkflowCommands(problems, {
    unlisted,
    limitPerSeverity,
    fullListAt: "`tunegate validate`"
  })) {
    process.stdout.write(`${line}
`);
  }
}
function reportPrepared(prepared) {
  const name = prepared.target.model.name;
  if (!prepared.ok && prepared.stage === "validate") {
    error(
      `${name}: the datasets have ${prepared.report.summary.errors} error(s) for ${prepared.report.model.name}; they are not uploaded and no job starts.`
    );
    return;
  }
  if (!prepared.ok) {
    error(`${name}: ${prepared.error.message}`);
    return;
  }
  const { report, plan } = prepared;
  const records = report.files.map((f) => `${f.role} ${f.records} records`).join(", ");
  info(`${name}: data valid (${records}); job ${plan.request.jobName} planned in ${plan.region}.`);
}
function printDryRun(r) {
  const { prepared } = r;
  startGroup(`Dry run: ${r.name} (nothing is uploaded or started)`);
  for (const u of prepared.plan.uploads) {
    info(
      `Would upload ${prepared.target.names[u.role] ?? u.role} (${u.bytes} bytes, sha256 ${u.sha256}) to ${u.uri} unless it is there already`
    );
  }
  info("Would call CreateModelCustomizationJob with (unless a job of this training exists):");
  info(JSON.stringify(prepared.plan.request, null, 2));
  endGroup();
}
function logLaunch(launch, model) {
  if (launch.lifecycle?.overridden) warning(launch.lifecycle.warning);
  for (const u of launch.uploads) {
    info(
      u.uploaded ? `${model}: uploaded ${u.uri} (${u.bytesSent} bytes${u.multipart ? ", multipart" : ""})` : `${model}: ${u.uri} is there already with the same SHA-256: not uploaded again`
    );
    if (u.warning) warning(u.warning);
  }
  if (launch.readError) {
    warning(
      `${model}: job ${launch.job.jobArn} was created, but reading it back failed (${launch.readError}); its status is unknown here, see the Bedrock console.`
    );
  }
  info(
    launch.created ? `${model}: started job ${launch.job.jobName} (${launch.job.jobArn})` : `${model}: job ${launch.job.jobName} of this exact training exists already (${launch.job.status}); no second job started`
  );
}

// actions/train/src/inputs.ts
var InputError = class extends UserError {
  name = "InputError";
};
function readInputs() {
  const wait = getInput("wait") || "0";
  const waitMinutes = Number(wait);
  if (!Number.isFinite(waitMinutes) || waitMinutes < 0 || waitMinutes > 24 * 60) {
    throw new InputError(`wait takes minutes from 0 to 1440 (a job runs for hours at most); got "${wait}".`);
  }
  return {
    config: getInput("config") || "tunegate.yml",
    models: getInput("models").split(/[,\n]/).map((m) => m.trim()).filter((m) => m !== ""),
    dryRun: booleanInput("dry-run", false),
    waitMinutes,
    githubToken: getInput("github-token"),
    comment: booleanInput("comment", true)
  };
}
function booleanInput(name, fallback) {
  const raw = getInput(name).trim().toLowerCase();
  if (raw === "") return fallback;
  if (["true", "yes", "1"].includes(raw)) return true;
  if (["false", "no", "0"].includes(raw)) return false;
  throw new InputError(`${name} takes true or false; got "${getInput(name)}".`);
}

// actions/train/src/lookups.ts
async function compare(octokit, c, base, head) {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner: c.owner,
    repo: c.repo,
    basehead: `${base}...${head}`,
    per_page: 100
  });
  return data.files ?? [];
}
async function pullRequestOf(octokit, owner, repo, sha) {
  try {
    return await findPullRequestForCommit(octokit, owner, repo, sha);
  } catch (error2) {
    warning(
      `Could not look up the pull request of ${sha.slice(0, 7)} (HTTP ${httpStatus(error2) ?? "?"}: ${error2.message}); the jobs get no tunegate:pull-request tag and no comment is posted.`
    );
    return void 0;
  }
}

// actions/train/src/outputs.ts
function jobOutput(r) {
  const prepared = r.prepared;
  const plan = r.launch?.plan ?? prepared.plan;
  const uri = (role) => plan.uploads.find((u) => u.role === role)?.uri;
  const job = r.job ?? r.launch?.job;
  return {
    model: r.name,
    jobArn: job?.jobArn ?? "",
    jobName: job?.jobName ?? plan.request.jobName,
    customModelName: job?.customModelName ?? plan.request.customModelName,
    trainingS3Uri: job?.trainingS3Uri ?? uri("train"),
    validationS3Uri: job?.validationS3Uris[0] ?? uri("validation") ?? null,
    status: job?.status ?? "DryRun",
    created: r.launch?.created ?? false
  };
}
async function writeSummary(runs, dryRun) {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const lines = [`## tunegate train${dryRun ? " (dry run: nothing uploaded or started)" : ""}`, ""];
  if (runs.length === 0) {
    lines.push("No model's datasets or settings changed: nothing to train.");
  } else {
    lines.push("| Model | Outcome | Job | Region |", "| --- | --- | --- | --- |");
    for (const r of runs) lines.push(row(r, dryRun));
  }
  await summary.addRaw(`${lines.join("\n")}
`).write();
}
function row(r, dryRun) {
  const prepared = r.prepared;
  if (!prepared) return `| ${safeCode(r.name)} | not prepared | | |`;
  if (!prepared.ok) {
    const why = prepared.stage === "validate" ? `\u274C ${prepared.report.summary.errors} data error(s): not uploaded, not started` : `\u274C cannot be requested: ${safeInline(prepared.error.problems.map((p) => `${p.field} ${p.message}`).join("; "), 400)}`;
    return `| ${safeCode(r.name)} | ${why} | | |`;
  }
  const region = prepared.plan.region;
  const job = r.job ?? r.launch?.job;
  let outcome;
  if (dryRun) outcome = "dry run: request printed in the log";
  else if (r.error) outcome = `\u274C ${safeInline(r.error, 400)}`;
  else if (r.launch?.created) outcome = `\u{1F680} started (${safeInline(job?.status ?? "", 40)})`;
  else outcome = `\u23F3 existed already (${safeInline(job?.status ?? "", 40)})`;
  const name = job?.jobName ?? prepared.plan.request.jobName;
  return `| ${safeCode(r.name)} | ${outcome} | ${safeCode(name)} | [${safeCode(region)}](${consoleCustomModelsUrl(region)}) |`;
}

// actions/train/src/comment.ts
var VERB = { reinforcement: "Reinforcement fine-tuning", distillation: "Distilling into" };
function customizationRows(customization) {
  if (customization?.kind === "reinforcement") return [["Grader", safeCode(customization.graderArn, 520)]];
  if (customization?.kind === "distillation") return [["Teacher", safeCode(customization.teacher, 300)]];
  return [];
}
function renderTrainingStarted(input) {
  const { job, baseModel, region } = input;
  const title = input.created ? `### \u{1F680} Training started: ${safeCode(input.model, 100)}` : `### \u23F3 Training already started: ${safeCode(input.model, 100)}`;
  const again = input.created ? "" : " A job for this exact data and these settings existed already, so no second job was started.";
  const retry = input.attempt > 1 ? ` This is attempt ${input.attempt}: the earlier jobs of this training failed or were stopped.` : "";
  const intro = `${input.customization ? VERB[input.customization.kind] : "Fine-tuning"} **${safeInline(baseModel.name, 100)}** (${safeCode(baseModel.id)}) in ${safeCode(region)} on the data at commit ${safeCode(input.commit.slice(0, 7))}.${again}${retry}`;
  const link = job.customModelArn ? `[custom model](${consoleCustomModelUrl(region, job.customModelArn)})` : `[Bedrock console, Custom models \u203A Training jobs](${consoleCustomModelsUrl(region)})`;
  const rows = [
    ["Job", `${safeCode(job.jobName)} (${link})`],
    ["Job ARN", safeCode(job.jobArn, 300)],
    ["Status", safeInline(job.status, 40)],
    ["Custom model", safeCode(job.customModelName ?? job.jobName)],
    ...customizationRows(input.customization),
    ["Hyperparameters", hyperparameterText(input.hyperparameters, input.configured)]
  ];
  const jobTable = ["| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
  const data = [
    "#### Data",
    "",
    "| Role | File | Records | Size | SHA-256 | S3 URI |",
    "| --- | --- | ---: | ---: | --- | --- |",
    ...input.datasets.map(
      (d) => `| ${d.role} | ${safeCode(d.path)} | ${d.records.toLocaleString("en-US")} | ${formatBytes(d.bytes)} | ${safeCode(d.sha256)} | ${safeCode(d.uri, 400)} |`
    )
  ].join("\n");
  const sections = [trainCommentMarker(input.model, job.jobName), title, intro];
  if (input.lifecycleWarning) sections.push(`> [!WARNING]
> ${safeInline(input.lifecycleWarning, 600)}`);
  sections.push(jobTable, data, costText(input.cost));
  sections.push(
    `_This comment is updated with the ${input.customization?.kind === "reinforcement" ? "rewards the job reports" : "training and validation loss"} when the job ends.${input.runUrl ? ` [Workflow run](${input.runUrl}).` : ""}_`
  );
  return `${sections.join("\n\n")}
`;
}
function hyperparameterText(values, configured) {
  const entries = Object.entries(values);
  if (entries.length === 0) return "service defaults";
  return entries.map(([name, value]) => `${safeCode(`${name}=${value}`)}${configured.includes(name) ? "" : " (default)"}`).join(", ");
}
function costText(cost) {
  const n = (x) => Math.round(x).toLocaleString("en-US");
  const tokens = cost.trainingTokens;
  const lines = [
    "#### Estimated training cost",
    "",
    `${n(tokens.value)} training tokens (${safeInline(tokens.method, 300)}) \xD7 ${cost.epochs} epoch${cost.epochs === 1 ? "" : "s"} = **${n(cost.billedTokens)} billed tokens**.`
  ];
  if (cost.usd !== void 0 && cost.pricePerMillionTokens) {
    lines.push(
      "",
      `\u2248 **$${cost.usd.toFixed(2)}** at $${cost.pricePerMillionTokens.usd} per million tokens (source: ${safeInline(cost.pricePerMillionTokens.source, 300)}), plus monthly storage of the custom model.`
    );
  } else {
    lines.push(
      "",
      "No training price is known for this base model, so no dollar figure is shown. Add `prices.trainingPerMillionTokens` to its catalog entry in tunegate.yml to see one."
    );
  }
  return lines.join("\n");
}

// actions/train/src/post-comment.ts
async function postJobComment(octokit, context, pr, r) {
  const { launch, prepared } = r;
  const job = r.job ?? launch.job;
  const marker = trainCommentMarker(r.name, job.jobName);
  try {
    const existing = await findComment(
      octokit,
      context.owner,
      context.repo,
      pr.number,
      marker,
      await tokenLogin(octokit)
    );
    if (existing) {
      info(`${r.name}: the pull request already has the comment for ${job.jobName}: ${existing.html_url}`);
      return "kept";
    }
    const body = renderTrainingStarted({
      model: r.name,
      baseModel: prepared.plan.baseModel,
      region: launch.plan.region,
      commit: context.sha,
      job,
      created: launch.created,
      attempt: launch.plan.attempt,
      datasets: launch.plan.uploads.map((u) => ({
        role: u.role,
        path: prepared.target.names[u.role] ?? u.key,
        records: prepared.report.files.find((f) => f.role === u.role)?.records ?? 0,
        bytes: u.bytes,
        sha256: u.sha256,
        uri: u.uri
      })),
      hyperparameters: launch.plan.effectiveHyperparameters,
      // An RFT job's hyperparameters are all configured ones (AWS publishes no defaults).
      configured: Object.keys(launch.plan.request.hyperParameters ?? launch.plan.effectiveHyperparameters),
      customization: prepared.target.model.customization,
      cost: prepared.cost,
      lifecycleWarning: prepared.lifecycle,
      runUrl: context.runUrl
    });
    const result = await upsertComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      issueNumber: pr.number,
      marker,
      body
    });
    if (result.action === "forbidden") {
      warning(`${r.name}: ${result.reason}`);
      return "forbidden";
    }
    info(`${r.name}: comment ${result.action} on #${pr.number}: ${result.url}`);
    return result.action;
  } catch (error2) {
    warning(`${r.name}: could not comment on #${pr.number}: ${error2.message}`);
    return "failed";
  }
}

// actions/train/src/targets.ts
async function loadTargets(configPath, workspace) {
  const { config, warnings } = await loadProjectConfig(configPath, workspace, { repository: workspace });
  const targets = new Map(config.models.map((m) => [m.name, trainingTarget(m, config.root, workspace)]));
  return { config, targets, warnings: warnings.map((w) => w.text) };
}

// actions/train/src/main.ts
var log = { info, warning, error };
async function act(clients) {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, context.apiUrl) : void 0;
  const { config, targets, warnings } = await loadTargets(inputs.config, context.workspace);
  for (const warning2 of warnings) warning(warning2);
  const unknown = inputs.models.filter((m) => !targets.has(m));
  if (unknown.length > 0) {
    throw new Error(
      `models names ${unknown.map((m) => `"${m}"`).join(", ")}, which ${inputs.config} does not define. Defined: ${[...targets.keys()].join(", ")}.`
    );
  }
  const names = inputs.models.length > 0 ? [...new Set(inputs.models)] : await modelsChangedInPush({
    config,
    workspace: context.workspace,
    sha: context.sha,
    before: typeof context.event.before === "string" ? context.event.before : void 0,
    repository: context.repository,
    compare: octokit && (async (base, head) => compare(octokit, context, base, head)),
    bedrock: inputs.dryRun ? void 0 : (region) => clients.bedrock(region),
    log
  });
  if (names.length === 0) {
    info("No model's datasets or settings changed in this push: nothing to train.");
    setOutputs([]);
    await writeSummary([], inputs.dryRun);
    return;
  }
  info(`Models to train: ${names.join(", ")}`);
  const pr = octokit ? await pullRequestOf(octokit, context.owner, context.repo, context.sha) : void 0;
  if (pr) info(`Commit ${context.sha.slice(0, 7)} belongs to pull request #${pr.number}.`);
  const worker = new URL("./dataset-worker.js", import.meta.url);
  const result = await train(
    {
      targets: names.map((n) => targets.get(n)),
      prepare: {
        commit: context.sha,
        repository: context.repository,
        pullRequest: pr?.number,
        ...existsSync(worker) ? { parallel: { script: worker } } : {}
      },
      dryRun: inputs.dryRun,
      waitMinutes: inputs.waitMinutes
    },
    {
      clients,
      clock: systemClock,
      events: logEvents({ comment: inputs.comment && octokit !== void 0 && pr !== void 0 }),
      ...inputs.comment && octokit && pr ? { jobStarted: (r) => postJobComment(octokit, context, pr, r) } : {}
    }
  );
  if (result.outcome === "launched" && inputs.comment && !pr) {
    info("No pull request found for this commit: no comment posted.");
  }
  if (result.outcome === "blocked") {
    annotateDataProblems(result.runs, result.blocked.length);
    setOutputs([]);
    await writeSummary(result.runs, inputs.dryRun);
    setFailed(
      `${result.blocked.map((r) => r.name).join(", ")} cannot be trained (see the errors above); nothing was uploaded and no job was started.`
    );
    return;
  }
  if (result.outcome === "dry-run") for (const r of result.runs) printDryRun(r);
  setOutputs(result.runs.filter((r) => r.launch || inputs.dryRun).map((r) => jobOutput(r)));
  await writeSummary(result.runs, inputs.dryRun);
  if (result.outcome === "launched" && result.failed.length > 0) setFailed(failureLines(result.failed));
}
function setOutputs(jobs) {
  setOutput("jobs", JSON.stringify(jobs));
  setOutput(
    "job-arns",
    jobs.map((j) => j.jobArn).filter((a) => a !== "").join(",")
  );
}
async function run() {
  const clients = new RegionClients();
  try {
    await act(clients);
  } finally {
    clients.destroy();
  }
}

// actions/train/src/index.ts
await runAction(run);
