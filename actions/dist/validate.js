import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  sha256File
} from "./chunk-UQRZZD32.js";
import {
  REPORT_JSON_FILE,
  REPORT_MARKDOWN_FILE,
  collapseSystematic,
  renderPrComment,
  renderReviewSummary,
  reviewCounts,
  reviewFails
} from "./chunk-XMV45LRT.js";
import {
  ALL_RULES,
  BUILT_IN_MODELS,
  ConfigError,
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  JobPlanError,
  VALIDATE_MARKER,
  changedFiles,
  changedModels,
  commitFiles,
  createOctokit,
  datasetModel,
  datasetsOf,
  epochsFor,
  estimateTrainingCost,
  external_exports,
  fileIssueCommands,
  getInput,
  graderArnOf,
  httpStatus,
  info,
  isAbsolutePath,
  lifecycleAdvice,
  lifecycleWarning,
  loadConfig,
  modelFingerprint,
  notice,
  parseConfig,
  planJob,
  pullRequestOf,
  readChunkedLines,
  repositoryName,
  runAction,
  runnerContext,
  runnerLog,
  safeCode,
  safeInline,
  safeLink,
  servingOfTrainingData,
  setFailed,
  setOutput,
  sha256Hex,
  toRepositoryPath,
  toWorkflowCommands,
  upsertComment,
  validateDatasets,
  warning,
  withoutValidateMarker,
  writeAnnotations,
  writeStepSummary
} from "./chunk-SF3AE7MZ.js";
import {
  claudeParser,
  converseParser,
  fileRules,
  formatCount,
  maskSensitive,
  nodeDatasetIo,
  preview,
  promptCompletionParser,
  rftParser
} from "./chunk-4RDVGVTU.js";
import "./chunk-YJHR75G7.js";
import "./chunk-NVIAX47T.js";
import "./chunk-KCCJD64M.js";

// packages/core/src/diff/labels.ts
function labelShifts(base, head) {
  if (!base && !head) return void 0;
  const baseCounts = base?.counts ?? {};
  const headCounts = head?.counts ?? {};
  const total = (counts) => Object.values(counts).reduce((a, b) => a + b, 0);
  const baseTotal = total(baseCounts);
  const headTotal = total(headCounts);
  const labels = /* @__PURE__ */ new Set([...Object.keys(baseCounts), ...Object.keys(headCounts)]);
  const rows = [...labels].map((label) => {
    const b = baseCounts[label] ?? 0;
    const h = headCounts[label] ?? 0;
    return {
      label,
      base: b,
      head: h,
      delta: h - b,
      baseShare: baseTotal === 0 ? 0 : b / baseTotal,
      headShare: headTotal === 0 ? 0 : h / headTotal
    };
  });
  rows.sort(
    (a, b) => Math.abs(b.headShare - b.baseShare) - Math.abs(a.headShare - a.baseShare) || b.head - a.head || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
  );
  return { rows, unlabeled: { base: base?.unlabeled ?? 0, head: head?.unlabeled ?? 0 } };
}

// packages/core/src/diff/record-identity.ts
var DIGEST_CHARS = 16;
function recordIdentity(conversation, sha1) {
  const turns = conversation.turns;
  const last = turns[turns.length - 1];
  const reply = last && last.role === "assistant" ? last : void 0;
  let user = "";
  for (const turn of turns) if (turn !== reply) user += `${turn.role}${partsText(turn)}`;
  let system = "";
  for (const s of conversation.system) system += `${s.text}`;
  const digest = (text) => sha1(text).slice(0, DIGEST_CHARS);
  const reference = conversation.reference === void 0 ? "" : `\b${conversation.reference}`;
  return {
    key: digest(user),
    system: digest(system),
    reply: digest(`${reply ? partsText(reply) : ""}${reference}`)
  };
}
function partsText(turn) {
  let out = "";
  for (const p of turn.parts) out += partText(p);
  return out;
}
function partText(part) {
  if (part.kind === "text") return `${part.text}`;
  if (part.kind === "reasoning") return `${part.reasoning?.text ?? ""}`;
  if (part.kind === "tool") return `\x07${part.block}`;
  return `${part.kind}:${JSON.stringify(part.uri) ?? ""}:${JSON.stringify(part.format) ?? ""}`;
}

// packages/core/src/diff/sample.ts
var DEFAULT_SAMPLE_LIMITS = { maxTextChars: 1500, maxTurns: 6 };
function cutText(text, max) {
  if (text.length <= max) return { text, truncated: false };
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 55296 && code <= 56319) end--;
  return { text: text.slice(0, end), truncated: true };
}
var MASK_MARGIN = 32 * 1024;
function maskedCut(text, max) {
  const head = cutText(text, max + MASK_MARGIN);
  const cut = cutText(maskSensitive(head.text), max);
  return { text: cut.text, truncated: cut.truncated || head.truncated };
}
function toSample(line, conversation, limits = DEFAULT_SAMPLE_LIMITS) {
  const system = maskedCut(conversation.system.map((s) => s.text).join("\n"), limits.maxTextChars);
  const all = conversation.turns;
  const keep = Math.max(2, limits.maxTurns);
  const head = all.length > keep ? all.slice(0, keep - 1) : all;
  const tail = all.length > keep ? all.slice(all.length - 1) : [];
  const turns = [...head, ...tail].map((turn) => {
    let text = "";
    let media = 0;
    for (const p of turn.parts) {
      if (p.kind === "text") text += text ? `
${p.text}` : p.text;
      else media++;
      if (text.length > limits.maxTextChars + MASK_MARGIN) break;
    }
    const cut = maskedCut(text, limits.maxTextChars);
    return { role: turn.role, text: cut.text, media, truncated: cut.truncated };
  });
  if (conversation.reference !== void 0) {
    const cut = maskedCut(referenceText(conversation.reference), limits.maxTextChars);
    turns.push({ role: "reference_answer", text: cut.text, media: 0, truncated: cut.truncated });
  }
  return {
    line,
    system: system.text,
    systemTruncated: system.truncated,
    turns,
    omittedTurns: all.length - head.length - tail.length
  };
}
function referenceText(json) {
  try {
    const value = JSON.parse(json);
    return typeof value === "string" ? value : json;
  } catch {
    return json;
  }
}
var PARSERS = {
  "claude-messages": claudeParser,
  "bedrock-conversation-2024": converseParser,
  "prompt-completion": promptCompletionParser,
  "rft-chat": rftParser
};
async function readConversationsAt(io, path, lines, format, visit) {
  if (lines.size === 0) return;
  const last = Math.max(...lines);
  const parser = PARSERS[format];
  const done = new Error("all wanted lines read");
  try {
    await readChunkedLines(io.chunks(path), {
      head: () => true,
      overlong: () => {
      },
      batch: ({ bytes, firstLine }) => {
        if (firstLine > last) throw done;
        let start = 0;
        for (let line = firstLine; start < bytes.length; line++) {
          let end = bytes.indexOf(10, start);
          if (end === -1) end = bytes.length;
          if (lines.has(line)) {
            const conversation = parseLine(bytes.toString("utf8", start, end), parser);
            if (conversation) visit(line, conversation);
          }
          start = end + 1;
        }
      }
    });
  } catch (err) {
    if (err !== done) throw err;
  }
}
function parseLine(text, parser) {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r$/, "");
  try {
    return parser.parse(JSON.parse(clean), () => {
    });
  } catch {
    return void 0;
  }
}

// packages/core/src/diff/record-diff.ts
var RecordDiffBuilder = class {
  #sha1;
  #samples;
  #limits;
  #basePairs = /* @__PURE__ */ new Map();
  #headPairs = /* @__PURE__ */ new Map();
  #baseKeys = /* @__PURE__ */ new Map();
  #headKeys = /* @__PURE__ */ new Map();
  /** First base line of each prompt: where a modified record's earlier version is read back. */
  #baseLine = /* @__PURE__ */ new Map();
  #added = [];
  #sampledAdded = /* @__PURE__ */ new Set();
  #modified = [];
  #headStarted = false;
  #baseCount = 0;
  #headCount = 0;
  constructor(options) {
    this.#sha1 = options.sha1;
    this.#samples = options.samples ?? 3;
    this.#limits = options.limits ?? DEFAULT_SAMPLE_LIMITS;
  }
  addBase(record) {
    if (this.#headStarted) throw new Error("Every base record must be added before the first head record.");
    const id = recordIdentity(record.conversation, this.#sha1);
    this.#baseCount++;
    bump(this.#basePairs, id.key + id.system + id.reply);
    bump(this.#baseKeys, id.key);
    if (!this.#baseLine.has(id.key)) this.#baseLine.set(id.key, record.line);
  }
  addHead(record) {
    this.#headStarted = true;
    const id = recordIdentity(record.conversation, this.#sha1);
    this.#headCount++;
    const pair = id.key + id.system + id.reply;
    bump(this.#headPairs, pair);
    bump(this.#headKeys, id.key);
    if (this.#samples === 0) return;
    const baseLine = this.#baseLine.get(id.key);
    if (baseLine === void 0) {
      if (this.#added.length < this.#samples && !this.#sampledAdded.has(id.key)) {
        this.#sampledAdded.add(id.key);
        this.#added.push(toSample(record.line, record.conversation, this.#limits));
      }
    } else if (!this.#basePairs.has(pair) && this.#modified.length < this.#samples * 2) {
      if (!this.#modified.some((m) => m.key === id.key)) {
        this.#modified.push({
          head: toSample(record.line, record.conversation, this.#limits),
          key: id.key,
          system: id.system,
          reply: id.reply,
          baseLine
        });
      }
    }
  }
  /** Counts, and samples with the base side read back through `readBase` when given. */
  async finish(readBase) {
    const exactByKey = /* @__PURE__ */ new Map();
    let unchanged = 0;
    for (const [pair, headCount] of this.#headPairs) {
      const same = Math.min(headCount, this.#basePairs.get(pair) ?? 0);
      if (same === 0) continue;
      unchanged += same;
      const key = pair.slice(0, pair.length / 3);
      exactByKey.set(key, (exactByKey.get(key) ?? 0) + same);
    }
    let added = 0;
    let removed = 0;
    let modified = 0;
    const modifiedKeys = /* @__PURE__ */ new Set();
    const removedKeys = [];
    const leftovers = (key) => {
      const same = exactByKey.get(key) ?? 0;
      const base = (this.#baseKeys.get(key) ?? 0) - same;
      const head = (this.#headKeys.get(key) ?? 0) - same;
      const m = Math.min(base, head);
      modified += m;
      added += head - m;
      removed += base - m;
      if (m > 0) modifiedKeys.add(key);
    };
    for (const key of this.#baseKeys.keys()) {
      leftovers(key);
      if (!this.#headKeys.has(key) && removedKeys.length < this.#samples) removedKeys.push(key);
    }
    for (const key of this.#headKeys.keys()) if (!this.#baseKeys.has(key)) leftovers(key);
    const pending = this.#modified.filter((m) => modifiedKeys.has(m.key)).slice(0, this.#samples);
    const wanted = /* @__PURE__ */ new Map();
    for (const m of pending) wanted.set(m.baseLine, "modified");
    for (const key of removedKeys) wanted.set(this.#baseLine.get(key), "removed");
    const baseSamples = /* @__PURE__ */ new Map();
    if (readBase && wanted.size > 0) {
      await readBase(new Set(wanted.keys()), (line, conversation) => {
        const id = recordIdentity(conversation, this.#sha1);
        baseSamples.set(line, {
          sample: toSample(line, conversation, this.#limits),
          system: id.system,
          reply: id.reply
        });
      });
    }
    return {
      added,
      removed,
      modified,
      unchanged,
      compared: { base: this.#baseCount, head: this.#headCount },
      samples: {
        added: this.#added,
        modified: pending.map((m) => {
          const base = baseSamples.get(m.baseLine);
          const changed = base ? [
            ...base.system !== m.system ? ["system"] : [],
            ...base.reply !== m.reply ? ["reply"] : []
          ] : [];
          return base ? { head: m.head, base: base.sample, changed } : { head: m.head, changed };
        }),
        removed: removedKeys.flatMap((key) => {
          const found = baseSamples.get(this.#baseLine.get(key));
          return found ? [found.sample] : [];
        })
      }
    };
  }
};
function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

// packages/core/src/diff/dataset-diff.ts
async function diffDatasets(files, options) {
  const builders = /* @__PURE__ */ new Map();
  for (const f of files) {
    if (f.changed) {
      builders.set(
        f.name,
        new RecordDiffBuilder({
          sha1: options.validate.io.sha1,
          samples: options.samples ?? 3,
          ...limitsOf(options)
        })
      );
    }
  }
  const { parallel: _parallel, ...serial } = options.validate;
  const baseFiles = files.flatMap(
    (f) => f.changed && f.base !== void 0 ? [{ path: f.base, role: f.role, name: f.name }] : []
  );
  const base = baseFiles.length > 0 ? await validateDatasets(baseFiles, {
    ...serial,
    onRecord: (r) => builders.get(r.file)?.addBase(r)
  }) : void 0;
  const headFiles = files.flatMap(
    (f) => f.head !== void 0 ? [{ path: f.head, role: f.role, name: f.name }] : []
  );
  const anyChanged = files.some((f) => f.changed && f.head !== void 0);
  const head = await validateDatasets(
    headFiles,
    anyChanged ? { ...serial, onRecord: (r) => builders.get(r.file)?.addHead(r) } : options.validate
  );
  const format = options.validate.model.format;
  const diffs = [];
  for (const f of files) {
    const headReport = head.files.find((r) => r.path === f.name);
    const baseReport = base?.files.find((r) => r.path === f.name);
    const builder = builders.get(f.name);
    const records = builder ? await builder.finish(
      f.base === void 0 ? void 0 : (lines, visit) => readConversationsAt(options.validate.io, f.base, lines, format, visit)
    ) : void 0;
    diffs.push(assembleDiff(f, baseReport, headReport, records));
  }
  return { head, base, diffs };
}
function limitsOf(options) {
  return options.limits ? { limits: options.limits } : {};
}
function assembleDiff(file, baseReport, headReport, records) {
  const change = !file.changed ? "unchanged" : file.base === void 0 ? "added" : file.head === void 0 ? "removed" : "modified";
  const base = baseReport ? sideOf(baseReport) : void 0;
  const head = headReport ? sideOf(headReport) : void 0;
  const labels = file.changed ? labelShifts(base?.labels, head?.labels) : void 0;
  return {
    path: file.name,
    role: file.role,
    change,
    ...base ? { base } : {},
    ...head ? { head } : {},
    ...records ? { records } : {},
    ...labels ? { labels } : {}
  };
}
function sideOf(report) {
  return {
    records: report.records,
    bytes: report.bytes,
    tokens: report.stats.tokens.total,
    counts: { ...report.counts },
    ...report.stats.labels ? { labels: report.stats.labels } : {}
  };
}

// packages/core/src/diff/model-review.ts
async function reviewModel(input) {
  const { head, base } = input;
  const present = input.files.filter((f) => f.head !== void 0 || f.changed && f.base !== void 0);
  const review2 = await diffDatasets(present, {
    validate: {
      model: datasetModel(head),
      io: input.io,
      severities: head.severities,
      ...head.labels === void 0 ? {} : { labelPattern: head.labels },
      ...input.parallel ? { parallel: input.parallel } : {}
    },
    ...input.samples === void 0 ? {} : { samples: input.samples }
  });
  const report = review2.head;
  const missing = input.missing ?? [];
  const counts = { ...report.summary, errors: report.summary.errors + missing.length };
  const problems = report.files.flatMap((f) => f.problems);
  const unlisted = report.files.reduce((n, f) => n + f.omitted, 0);
  const compare = input.compare ?? true;
  const settings = compare ? settingChanges(base, head) : [];
  const datasetsChanged = input.files.some((f) => f.changed);
  const notes = [
    ...missing.map((m) => `${m} is named in the configuration but does not exist in this pull request.`),
    ...input.baseUnavailable ? ["The base branch's datasets could not be read, so records are not compared with them."] : []
  ];
  const cost = costs(review2.diffs, head, compare ? base : void 0);
  const lifecycle = lifecycleWarning(head.baseModel, input.today, head.region);
  const onMerge = !compare ? { kind: "none", reason: "this run is not for a pull request, so there is no merge to plan for." } : await onMergeOf({
    input,
    errors: counts.errors,
    affected: datasetsChanged || settings.length > 0,
    trainingChanged: datasetsChanged || base === void 0 || modelFingerprint(base) !== modelFingerprint(head),
    ...cost.head ? { cost: cost.head } : {}
  });
  return {
    reviewed: {
      name: head.name,
      baseModel: head.baseModel,
      region: head.region,
      counts,
      problems,
      unlisted,
      datasets: review2.diffs,
      cost,
      settingChanges: settings,
      notes,
      ...lifecycle ? { lifecycle: { warning: lifecycle, advice: lifecycleAdvice(head.baseModel, input.catalog, head) } } : {},
      onMerge
    },
    report
  };
}
function settingChanges(base, head) {
  if (!base) return [`new model ${head.name} (${head.baseModel.name} in ${head.region})`];
  const out = [];
  const show = (v) => v === void 0 ? "(none)" : typeof v === "string" ? v : JSON.stringify(v);
  const compare = (label, a, b) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${label}: ${show(a)} \u2192 ${show(b)}`);
  };
  compare("baseModel", base.baseModel.id, head.baseModel.id);
  out.push(...catalogChanges(base.baseModel, head.baseModel));
  compare("region", base.region, head.region);
  compare("customization", base.customization, head.customization);
  compare("training", base.training, head.training);
  compare("validation", base.validation, head.validation);
  compare("evaluation", base.evaluation, head.evaluation);
  compare("labels", base.labels, head.labels);
  const names = [
    .../* @__PURE__ */ new Set([...Object.keys(base.hyperparameterValues), ...Object.keys(head.hyperparameterValues)])
  ];
  for (const name of names.sort()) {
    compare(`hyperparameters.${name}`, base.hyperparameterValues[name], head.hyperparameterValues[name]);
  }
  const rules = [.../* @__PURE__ */ new Set([...Object.keys(base.severities), ...Object.keys(head.severities)])];
  for (const rule of rules.sort())
    compare(`severities.${rule}`, base.severities[rule], head.severities[rule]);
  compare("s3", base.s3, head.s3);
  compare("roleArn", base.roleArn, head.roleArn);
  compare("tags", sorted(base.tags), sorted(head.tags));
  compare("vpc", base.vpc, head.vpc);
  compare("customModelKmsKeyId", base.customModelKmsKeyId, head.customModelKmsKeyId);
  return out;
}
function catalogChanges(base, head) {
  const before = base.id === head.id ? base : BUILT_IN_MODELS.find((m) => m.id === head.id);
  if (!before) return [`catalog ${head.id}: an entry tunegate.yml adds`];
  const a = leaves(before);
  const b = leaves(head);
  const out = [];
  for (const key of [.../* @__PURE__ */ new Set([...a.keys(), ...b.keys()])].sort()) {
    const from = a.get(key);
    const to = b.get(key);
    if (from !== to)
      out.push(`catalog ${head.id}.${key}: ${from ?? "(none)"} \u2192 ${to ?? "(none)"} (tunegate.yml)`);
  }
  return out;
}
function leaves(value, prefix = "", out = /* @__PURE__ */ new Map()) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v !== void 0) leaves(v, prefix ? `${prefix}.${k}` : k, out);
    }
  } else if (prefix !== "") {
    out.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
  }
  return out;
}
function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function costs(diffs, head, base) {
  const train = diffs.filter((d) => d.role === "train");
  const headTokens = sumTokens(train.map((d) => d.head?.tokens));
  const baseTokens = sumTokens(
    train.map((d) => d.change === "unchanged" ? d.head?.tokens : d.base?.tokens)
  );
  return {
    ...headTokens ? {
      head: estimateTrainingCost(
        head.baseModel,
        headTokens,
        epochsFor(head.baseModel, head.hyperparameterValues)
      )
    } : {},
    ...base && baseTokens ? {
      base: estimateTrainingCost(
        base.baseModel,
        baseTokens,
        epochsFor(base.baseModel, base.hyperparameterValues)
      )
    } : {}
  };
}
function sumTokens(figures) {
  const present = figures.filter((f) => f !== void 0);
  if (present.length === 0) return void 0;
  return {
    value: present.reduce((n, f) => n + f.value, 0),
    exact: present.every((f) => f.exact),
    method: present[0].method
  };
}
async function onMergeOf(options) {
  const { input, errors } = options;
  const { head, base } = input;
  if (!options.affected) {
    return { kind: "none", reason: "this pull request changes none of its datasets or settings." };
  }
  if (errors > 0) {
    return {
      kind: "blocked",
      reasons: [
        `${errors.toLocaleString("en-US")} error${errors === 1 ? "" : "s"} in its datasets: the train action validates them again on merge and starts no job while any remain.`
      ]
    };
  }
  if (!options.trainingChanged) {
    return {
      kind: "none",
      reason: "only checks changed (labels or severities); the training job would be the same as the base branch's, and the train action starts no second one."
    };
  }
  const train = input.files.find((f) => f.role === "train" && f.head !== void 0);
  if (!train?.head) {
    return { kind: "blocked", reasons: [`the training dataset ${head.training} is missing.`] };
  }
  const validation = input.files.find((f) => f.role === "validation" && f.head !== void 0);
  const datasets = {
    train: await input.sha256File(train.head),
    ...validation?.head ? { validation: await input.sha256File(validation.head) } : {}
  };
  try {
    const plan = planJob({
      model: head,
      datasets,
      commit: input.commit,
      repository: input.repository,
      ...input.pullRequest === void 0 ? {} : { pullRequest: input.pullRequest }
    });
    const serving = await servingOfTrainingData(train.head, head.baseModel, input.io);
    const changed = Object.keys(plan.effectiveHyperparameters).filter(
      (k) => base !== void 0 && base.hyperparameterValues[k] !== head.hyperparameterValues[k]
    );
    return {
      kind: "train",
      hyperparameters: plan.effectiveHyperparameters,
      changedHyperparameters: changed,
      uploads: plan.uploads.map((u) => ({ role: u.role, uri: u.uri })),
      // The train action names the job after the merge commit, which does not exist yet.
      jobName: plan.request.jobName.replace(`-${input.commit.slice(0, 7)}-`, "-<merge commit>-"),
      ...options.cost ? { cost: options.cost } : {},
      ...serving ? { serving } : {}
    };
  } catch (err) {
    if (err instanceof JobPlanError) {
      return { kind: "blocked", reasons: err.problems.map((p) => `${p.field}: ${p.message}`) };
    }
    throw err;
  }
}

// packages/core/src/grading/reply.ts
var metricSchema = external_exports.looseObject({
  name: external_exports.string(),
  value: external_exports.number(),
  type: external_exports.enum(["Reward", "Metric"])
});
var scoreSchema = external_exports.looseObject({
  id: external_exports.union([external_exports.string(), external_exports.number()]),
  aggregate_reward_score: external_exports.number(),
  metrics_list: external_exports.array(metricSchema).optional()
});
var graderReplySchema = external_exports.array(scoreSchema);
var GRADE_RULES = {
  unreachable: "grade/unreachable",
  crashed: "grade/crashed",
  timedOut: "grade/timed-out",
  wrongShape: "grade/wrong-shape",
  missingId: "grade/missing-id",
  notTopScore: "grade/not-top-score"
};
var SHOWN = 300;
var SHAPE_PROBLEMS = 3;
function checkGraderOutcome(batch, outcome, options) {
  const scores = /* @__PURE__ */ new Map();
  const first = batch[0];
  const at = (sample, rule, message, hint, path = "") => ({
    rule,
    severity: "error",
    file: options.file,
    line: sample.line,
    column: 1,
    path,
    message,
    hint
  });
  const whom = batch.length === 1 ? recordName(first) : describeBatch(batch);
  if (outcome.kind === "unreachable") {
    return {
      problems: [
        at(
          first,
          GRADE_RULES.unreachable,
          `The grader could not be invoked for ${whom}: ${outcome.detail}`,
          outcome.hint
        )
      ],
      scores
    };
  }
  if (outcome.kind === "timed-out") {
    const message = `The grader timed out on ${whom}: ${preview(outcome.detail, SHOWN)}.`;
    const hint = "A grader must answer within its Lambda timeout (at most 15 minutes) for every batch a job sends: make it faster, or raise the function's timeout.";
    return { problems: [at(first, GRADE_RULES.timedOut, message, hint)], scores };
  }
  if (outcome.kind === "crashed") {
    const message = `The grader crashed on ${whom} (Lambda FunctionError): ${preview(crashText(outcome.payload), SHOWN)}.`;
    const hint = `Fix the function: it gets AWS's request, an array of {"id", "messages" ending with the model's reply, "metadata": {"reference_answer", ...the record's other fields}}, and a crash fails the training job.`;
    return { problems: [at(first, GRADE_RULES.crashed, message, hint)], scores };
  }
  const shapeHint = `Return a JSON array with one {"id": <the request's id>, "aggregate_reward_score": <number>} per request item (optionally "metrics_list": [{"name", "value", "type": "Reward" | "Metric"}]).`;
  let parsed;
  try {
    parsed = JSON.parse(outcome.payload);
  } catch {
    const message = `The grader's reply to ${whom} is not JSON: ${preview(outcome.payload, SHOWN)}.`;
    return { problems: [at(first, GRADE_RULES.wrongShape, message, shapeHint)], scores };
  }
  if (!Array.isArray(parsed)) {
    const wrapped = isObject(parsed) && "statusCode" in parsed && "body" in parsed;
    const message = `The grader's reply to ${whom} is ${kindOf(parsed)}, not an array: ${preview(parsed, SHOWN)}.`;
    const hint = wrapped ? "Return the array itself: the training job reads the function's result, not an API Gateway response ({statusCode, body})." : shapeHint;
    return { problems: [at(first, GRADE_RULES.wrongShape, message, hint)], scores };
  }
  const byId = new Map(batch.map((s) => [String(s.item.id), s]));
  const result = graderReplySchema.safeParse(parsed);
  if (!result.success) {
    const problems2 = result.error.issues.slice(0, SHAPE_PROBLEMS).map((issue) => {
      const entry = typeof issue.path[0] === "number" ? parsed[issue.path[0]] : void 0;
      const owner = isObject(entry) && byId.get(String(entry.id)) || first;
      const field = fieldPath(issue.path);
      const message = `The grader's reply for ${recordName(owner)} has the wrong shape: ${field} ${issueText(issue, valueAt(parsed, issue.path))}. It returned ${preview(entry ?? parsed, SHOWN)}.`;
      return at(owner, GRADE_RULES.wrongShape, message, shapeHint, "");
    });
    const more = result.error.issues.length - problems2.length;
    if (more > 0)
      problems2[problems2.length - 1].message += ` (${more} more shape problems in the same reply.)`;
    return { problems: problems2, scores };
  }
  const problems = [];
  const seen = /* @__PURE__ */ new Map();
  for (const entry of result.data) {
    const key = String(entry.id);
    const sample = byId.get(key);
    if (!sample) {
      problems.push(
        at(
          first,
          GRADE_RULES.wrongShape,
          `The grader's reply to ${whom} has an entry for id ${preview(entry.id)}, which was not sent: ${preview(entry, SHOWN)}.`,
          "Return the request's ids as they are: the training job matches scores to replies by id."
        )
      );
      continue;
    }
    if (seen.has(key)) {
      problems.push(
        at(
          sample,
          GRADE_RULES.wrongShape,
          `The grader's reply has two entries for ${recordName(sample)}: ${preview(seen.get(key), SHOWN / 2)} and ${preview(entry, SHOWN / 2)}.`,
          "Return one entry per request item."
        )
      );
      continue;
    }
    seen.set(key, entry);
  }
  for (const sample of batch) {
    const entry = seen.get(String(sample.item.id));
    if (!entry) {
      const ids = [...seen.keys()].slice(0, 5).map((id) => preview(id)).join(", ");
      problems.push(
        at(
          sample,
          GRADE_RULES.missingId,
          `The grader's reply has no entry for ${recordName(sample)}: it returned ${result.data.length} of ${batch.length}${ids ? ` (ids ${ids}${seen.size > 5 ? ", ..." : ""})` : ""}.`,
          "Return one entry per request item, with the request's id: a reply without a score gives the training job nothing to learn from."
        )
      );
      continue;
    }
    scores.set(sample, entry.aggregate_reward_score);
    if (entry.aggregate_reward_score < options.topScore) {
      problems.push(
        at(
          sample,
          GRADE_RULES.notTopScore,
          `The grader scored the reference answer of ${recordName(sample)} ${entry.aggregate_reward_score}, below the top score ${options.topScore}: given the record's own reference_answer as the model's reply, it returned ${preview(entry, SHOWN)}.`,
          "A grader that does not give the reference answer its top score would train the model away from it: check how it reads metadata.reference_answer and the last (assistant) message. If its scores top out elsewhere, say so with --top-score (the action's grade-top-score).",
          "reference_answer"
        )
      );
    }
  }
  return { problems, scores };
}
function recordName(sample) {
  return sample.ownId ? `id ${preview(sample.item.id, 60)}` : `the record without an id (sent as ${preview(sample.item.id, 60)})`;
}
function describeBatch(batch) {
  const lines = batch.map((s) => s.line);
  const shown = lines.slice(0, 5).join(", ");
  return `${batch.length} records (lines ${shown}${lines.length > 5 ? ` and ${lines.length - 5} more` : ""}), sent in one invocation`;
}
function crashText(payload) {
  try {
    const error = JSON.parse(payload);
    if (isObject(error) && (error.errorType !== void 0 || error.errorMessage !== void 0)) {
      return [error.errorType, error.errorMessage].filter((v) => v !== void 0).map(String).join(": ");
    }
  } catch {
  }
  return payload;
}
function fieldPath(path) {
  const text = path.map((p) => typeof p === "number" ? `[${p}]` : `.${String(p)}`).join("");
  return text === "" ? "the reply" : text.replace(/^\./, "");
}
function valueAt(root, path) {
  let value = root;
  for (const key of path) {
    if (!isObject(value) && !Array.isArray(value)) return void 0;
    value = value[key];
  }
  return value;
}
function issueText(issue, value) {
  const got = value === void 0 ? "is missing" : value === null ? "is null" : `is ${kindOf(value)} ${preview(value, 60)}`;
  if (issue.code === "invalid_type") return `${got}; AWS expects ${article(issue.expected)}`;
  if (issue.code === "invalid_value") {
    return `${got}; AWS expects ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
  }
  if (issue.code === "invalid_union") return `${got}; AWS expects a string or a number`;
  return `${got}: ${issue.message}`;
}
function article(expected) {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return article(typeof value);
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// packages/core/src/grading/request.ts
var NOT_METADATA = /* @__PURE__ */ new Set(["messages", "id"]);
function gradeSampleOf(record, line, options = {}) {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { skipped: "the line is not a JSON object" };
  }
  const fields = record;
  const messages = fields.messages;
  if (!Array.isArray(messages) || messages.length === 0) return { skipped: 'it has no "messages"' };
  if (!messages.every(isMessage)) return { skipped: "a message is not {role, content} with string content" };
  if (!("reference_answer" in fields)) return { skipped: 'it has no "reference_answer"' };
  const reply = referenceReply(fields.reference_answer, options.replyField);
  if (reply === void 0) {
    return { skipped: `its reference_answer has no string field "${options.replyField}"` };
  }
  const id = fields.id;
  const ownId = typeof id === "string" && id.trim() !== "" || typeof id === "number" && Number.isFinite(id);
  const metadata = { reference_answer: fields.reference_answer };
  for (const [key, value] of Object.entries(fields)) {
    if (!NOT_METADATA.has(key) && key !== "reference_answer") metadata[key] = value;
  }
  return {
    line,
    ownId,
    item: {
      id: ownId ? id : `line-${line}`,
      messages: [...messages, { role: "assistant", content: reply }],
      metadata
    }
  };
}
function referenceReply(reference, field) {
  if (field !== void 0) {
    if (typeof reference === "object" && reference !== null && !Array.isArray(reference)) {
      const value = reference[field];
      if (typeof value === "string") return value;
    }
    return void 0;
  }
  return typeof reference === "string" ? reference : JSON.stringify(reference);
}
function isMessage(m) {
  return typeof m === "object" && m !== null && typeof m.role === "string" && typeof m.content === "string";
}
function invocationBatches(samples, maxBytes) {
  const encoder = new TextEncoder();
  const batches = [];
  let current = [];
  let size = 2;
  for (const s of samples) {
    const bytes = encoder.encode(JSON.stringify(s.item)).length + 1;
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 2;
    }
    current.push(s);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
var LAMBDA_SYNC_PAYLOAD_BYTES = 6291456;

// packages/core/src/report/sarif.ts
var SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
var DEFAULT_INFORMATION_URI = "https://www.npmjs.com/package/tunegate";
var FINGERPRINT_KEY = "tunegateProblem/v1";
var LEVEL = { error: "error", warning: "warning", notice: "note" };
function toSarif(report, options) {
  const rules = ALL_RULES.map(toSarifRule);
  const index = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  const ruleIndexOf = (id) => {
    let i = index.get(id);
    if (i === void 0) {
      i = rules.length;
      index.set(id, i);
      rules.push(toSarifRule({ id, severity: "warning", title: id, hint: "" }));
    }
    return i;
  };
  const occurrences = /* @__PURE__ */ new Map();
  const results = [];
  for (const file of report.files) {
    const problems = [...file.problems];
    if (file.omitted > 0) {
      problems.push({
        rule: fileRules.tooManyProblems.id,
        severity: "notice",
        file: file.path,
        line: 1,
        column: 1,
        path: "",
        message: `${formatCount(file.omitted)} more problems were found in this file but not listed.`,
        hint: fileRules.tooManyProblems.hint
      });
    }
    for (const p of problems) {
      const location = artifactLocation(p.file);
      const identity = [p.rule, location.uri, p.path, stableMessage(p.message)].join("\0");
      const n = (occurrences.get(identity) ?? 0) + 1;
      occurrences.set(identity, n);
      results.push({
        ruleId: p.rule,
        ruleIndex: ruleIndexOf(p.rule),
        level: LEVEL[p.severity],
        message: { text: [p.message, p.path ? `At ${p.path}.` : "", p.hint].filter(Boolean).join(" ") },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.column) }
            }
          }
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: `${sha256Hex(identity).slice(0, 32)}:${n}` },
        ...p.path ? { properties: { jsonPath: p.path } } : {}
      });
    }
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "tunegate",
            version: options.toolVersion,
            informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
            rules
          }
        },
        columnKind: "utf16CodeUnits",
        results,
        properties: { baseModel: { ...report.model }, summary: { ...report.summary } }
      }
    ]
  };
}
function toSarifRule(rule) {
  const formats = rule.formats ? ` Applies to the ${rule.formats.join(", ")} record format.` : "";
  const example = rule.example ? `

Example that fails:

\`\`\`
${rule.example.bad}
\`\`\`

Fixed:

\`\`\`
${rule.example.good}
\`\`\`` : "";
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}.${formats}` },
    help: {
      text: rule.example ? `${rule.hint}
Example that fails: ${rule.example.bad}
Fixed: ${rule.example.good}` : rule.hint || rule.title,
      markdown: `${rule.hint || rule.title}${example}`
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ["dataset", rule.id.split("/")[0]] }
  };
}
function ruleName(id) {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
function artifactLocation(file) {
  const path = toRepositoryPath(file);
  if (isAbsolutePath(path)) {
    const withRoot = path.startsWith("/") ? path : `/${path}`;
    return { uri: `file://${encodeURI(withRoot)}` };
  }
  return { uri: encodeURI(path), uriBaseId: "%SRCROOT%" };
}
function stableMessage(message) {
  return message.replace(/\b(lines?) [\d,]+/gi, "$1 #").replace(/(\S):\d+\b/g, "$1:#");
}

// actions/validate/src/main.ts
import { existsSync as existsSync3, mkdirSync as mkdirSync2, rmSync } from "node:fs";
import { resolve as resolve2 } from "node:path";

// packages/aws/src/lambda-grader.ts
function lambdaArnRegion(arn) {
  return /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\d{12}:function:/.exec(arn)?.[1];
}
function lambdaGrader(options = {}) {
  const clients = /* @__PURE__ */ new Map();
  return {
    async invoke(grader, payload) {
      const { createLambdaClient, invokeOnce } = await import("./chunk-3MR7FJBG.js");
      const region = options.region ?? lambdaArnRegion(grader) ?? "";
      let client = clients.get(region);
      if (!client) {
        client = createLambdaClient({ ...options, ...region ? { region } : {} });
        clients.set(region, client);
      }
      let out;
      try {
        out = await invokeOnce(client, grader, payload);
      } catch (err) {
        return invokeFailure(grader, err);
      }
      const text = new TextDecoder().decode(out.Payload ?? new Uint8Array());
      if (out.FunctionError === void 0) return { kind: "replied", payload: text };
      const timeout = lambdaTimeout(text);
      return timeout === void 0 ? { kind: "crashed", payload: text } : { kind: "timed-out", detail: timeout };
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    }
  };
}
function lambdaTimeout(payload) {
  try {
    const error = JSON.parse(payload);
    const message = typeof error.errorMessage === "string" ? error.errorMessage : "";
    if (error.errorType === "Sandbox.Timedout" || /Task timed out after/.test(message)) {
      return message || "Task timed out";
    }
  } catch {
  }
  return void 0;
}
function invokeFailure(grader, err) {
  const e = err;
  const name = e.name ?? "Error";
  const detail = `${name}: ${e.message ?? String(err)}`;
  if (name === "TimeoutError" || /timed? ?out/i.test(e.message ?? "")) {
    return { kind: "timed-out", detail: `no answer from ${grader}: ${detail}` };
  }
  const hints = {
    ResourceNotFoundException: "Check the grader's ARN (reinforcement.grader in tunegate.yml, or --grader): the function must exist, in the Region and account the ARN names.",
    AccessDeniedException: "Whoever runs the check needs lambda:InvokeFunction on the grader (docs/aws-setup.md); the training job's service role needs it too.",
    CredentialsProviderError: "The check needs AWS credentials (the usual environment, profile or role, e.g. aws-actions/configure-aws-credentials in a workflow).",
    RequestTooLargeException: "A record is over Lambda's 6 MB limit for a synchronous invocation: shorten it, or grade a sample without it."
  };
  const hint = hints[name] ?? (e.$metadata?.httpStatusCode === 403 ? hints.AccessDeniedException : "Check that the grader can be invoked with these credentials: `aws lambda invoke --function-name <arn> --payload '[]' out.json`.");
  return { kind: "unreachable", detail, hint };
}

// packages/usecases/src/grading/sample.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
var SKIPS_KEPT = 5;
async function sampleDataset(path, size, options = {}) {
  const kept = [];
  const ids = /* @__PURE__ */ new Set();
  const skipped = [];
  let skippedCount = 0;
  let records = 0;
  let gradable = 0;
  let line = 0;
  const skip = (at, reason) => {
    skippedCount += 1;
    if (skipped.length < SKIPS_KEPT) skipped.push({ line: at, reason });
  };
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const raw of lines) {
    line += 1;
    const text = line === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    records += 1;
    let record;
    try {
      record = JSON.parse(text);
    } catch {
      skip(line, "the line is not JSON");
      continue;
    }
    const sample = gradeSampleOf(record, line, options);
    if ("skipped" in sample) {
      skip(line, sample.skipped);
      continue;
    }
    if (sample.ownId) {
      const id = String(sample.item.id);
      if (ids.has(id)) {
        skip(line, `its id ${JSON.stringify(id)} repeats an earlier record's`);
        continue;
      }
      ids.add(id);
    }
    gradable += 1;
    const key = createHash("sha256").update(text).digest("hex");
    if (kept.length < size || key < kept[kept.length - 1].key) {
      const at = kept.findIndex((k) => key < k.key);
      kept.splice(at === -1 ? kept.length : at, 0, { key, sample });
      if (kept.length > size) kept.pop();
    }
  }
  const samples = kept.map((k) => k.sample).sort((a, b) => a.line - b.line);
  return { samples: uniqueIds(samples, ids), records, gradable, skipped, skippedCount };
}
function uniqueIds(samples, own) {
  return samples.map((s) => {
    if (s.ownId || !own.has(String(s.item.id))) return s;
    let n = 2;
    while (own.has(`${s.item.id}-${n}`)) n += 1;
    return { ...s, item: { ...s.item, id: `${s.item.id}-${n}` } };
  });
}

// packages/usecases/src/grading/grader-config.ts
function graderOf(model) {
  return graderArnOf(model);
}
function isReinforcementModel(model) {
  return model.customization?.kind === "reinforcement" || model.baseModel.format === "rft-chat";
}

// packages/usecases/src/grade.ts
var DEFAULT_GRADE_SAMPLE = 10;
var DEFAULT_TOP_SCORE = 1;
async function gradeDataset(request, invoke) {
  const topScore = request.topScore ?? DEFAULT_TOP_SCORE;
  const sampled = await sampleDataset(request.path, request.sample ?? DEFAULT_GRADE_SAMPLE, {
    ...request.replyField === void 0 ? {} : { replyField: request.replyField }
  });
  const options = { file: request.name, topScore };
  const problems = [];
  const scores = /* @__PURE__ */ new Map();
  let invocations = 0;
  const send = (batch) => {
    invocations += 1;
    return invoke(request.grader, JSON.stringify(batch.map((s) => s.item)));
  };
  const check = (batch, outcome) => {
    const checked = checkGraderOutcome(batch, outcome, options);
    problems.push(...checked.problems);
    for (const [sample, score] of checked.scores) scores.set(sample, score);
  };
  for (const batch of invocationBatches(sampled.samples, LAMBDA_SYNC_PAYLOAD_BYTES)) {
    const outcome = await send(batch);
    if (outcome.kind !== "crashed" || batch.length === 1) {
      check(batch, outcome);
      continue;
    }
    const alone = [];
    for (const sample of batch) alone.push({ sample, outcome: await send([sample]) });
    if (alone.some((a) => a.outcome.kind === "crashed")) for (const a of alone) check([a.sample], a.outcome);
    else check(batch, outcome);
  }
  return {
    name: request.name,
    grader: request.grader,
    topScore,
    records: sampled.records,
    gradable: sampled.gradable,
    graded: sampled.samples.map((s) => ({ line: s.line, id: s.item.id, score: scores.get(s) })),
    skipped: sampled.skipped,
    skippedCount: sampled.skippedCount,
    problems,
    invocations
  };
}

// packages/usecases/src/grading/review-grade.ts
import { existsSync } from "node:fs";
var FORK_SKIP_NOTE = "The grader check (grade-sample) was skipped: a pull request from a fork runs without the repository's secrets, so there are no AWS credentials to invoke a grader with. Run `tunegate grade` on its datasets, or push the branch to this repository.";
async function gradeReview(collected, context, options, ports) {
  const rft = collected.reviews.filter((r) => {
    const model = context.config.models.find((m) => m.name === r.reviewed.name);
    return model !== void 0 && isReinforcementModel(model);
  });
  if (options.sample <= 0 || rft.length === 0) return collected;
  if (context.fromFork) {
    context.log(FORK_SKIP_NOTE);
    return {
      ...collected,
      input: { ...collected.input, notes: [...collected.input.notes ?? [], FORK_SKIP_NOTE] }
    };
  }
  const graderFor = ports.graderFor ?? graderOf;
  const reviews = [];
  for (const r of collected.reviews) {
    const model = context.config.models.find((m) => m.name === r.reviewed.name);
    if (!model || !rft.includes(r)) {
      reviews.push(r);
      continue;
    }
    const grader = graderFor(model);
    if (grader === void 0) {
      reviews.push(
        withGrading(
          r,
          [],
          ["grade-sample is on, but this model sets no reinforcement.grader: no grader was checked."]
        )
      );
      continue;
    }
    const problems = [];
    const notes = [];
    for (const file of datasetsOf(model, context.config.root)) {
      if (!existsSync(file.path)) continue;
      const name = repositoryName(context.workspace, file.path);
      context.log(`Checking the grader of ${model.name} on ${options.sample} records of ${name}`);
      const result = await gradeDataset({ path: file.path, name, grader, ...options }, ports.invoke);
      problems.push(...result.problems);
      const failed = new Set(result.problems.map((p) => p.line)).size;
      notes.push(
        result.problems.length === 0 ? `Grader checked on ${result.graded.length} records of ${name}: each reference answer got the top score (${result.topScore}).` : `Grader check failed on ${failed} of ${result.graded.length} records of ${name}: see the grade/ problems.`
      );
    }
    reviews.push(withGrading(r, problems, notes));
  }
  return { ...collected, reviews, input: { ...collected.input, models: reviews.map((r) => r.reviewed) } };
}
function withGrading(r, problems, notes) {
  const n = problems.length;
  const files = r.report.files.map((f) => {
    const own = problems.filter((p) => p.file === f.path);
    return own.length === 0 ? f : {
      ...f,
      problems: [...f.problems, ...own],
      counts: { ...f.counts, errors: f.counts.errors + own.length }
    };
  });
  return {
    report: { ...r.report, files, summary: { ...r.report.summary, errors: r.report.summary.errors + n } },
    reviewed: {
      ...r.reviewed,
      problems: [...r.reviewed.problems, ...problems],
      counts: { ...r.reviewed.counts, errors: r.reviewed.counts.errors + n },
      notes: [...r.reviewed.notes ?? [], ...notes]
    }
  };
}

// packages/usecases/src/review.ts
import { join as join3, resolve } from "node:path";

// packages/usecases/src/review-collect.ts
import { existsSync as existsSync2, mkdirSync } from "node:fs";
import { join } from "node:path";
async function collectReview(options) {
  const { run: context, config, log, git } = options;
  const { pr, workspace } = context;
  const notes = [];
  let changes;
  if (pr) {
    changes = await options.changedFiles(pr.baseSha);
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
    const text = await git.readFileInCommit(pr.baseSha, options.configPath);
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
  const baseDir = options.baseDir;
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
        const target = join(baseDir, `${++extracted}.jsonl`);
        if (await git.extractFileFromCommit(pr.baseSha, f.baseName, target)) basePath = target;
      }
      const headExists = existsSync2(f.headPath);
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
        io: nodeDatasetIo,
        ...base ? { base } : {},
        compare: pr !== void 0,
        files: diffFiles,
        missing,
        baseUnavailable: pr !== void 0 && !changes?.baseAvailable,
        commit: pr?.headSha || context.sha,
        repository: context.repository,
        ...pr ? { pullRequest: pr.number } : {},
        ...options.parallel ? { parallel: options.parallel } : {},
        catalog: config.config.catalog,
        sha256File
      })
    );
  }
  const input = {
    marker: VALIDATE_MARKER,
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

// packages/usecases/src/review-report.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";
async function writeReportFiles(dir, content) {
  const { context, pr, counts, input } = content;
  const paths = { markdown: join2(dir, REPORT_MARKDOWN_FILE), json: join2(dir, REPORT_JSON_FILE) };
  const json = {
    version: 1,
    tool: "tunegate validate",
    toolVersion: content.toolVersion,
    repository: context.repository,
    headSha: pr?.headSha || context.sha,
    ...pr ? { baseSha: pr.baseSha, pullRequest: pr.number } : {},
    markdownFile: REPORT_MARKDOWN_FILE,
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
      settingChanges: [...m.settingChanges],
      onMerge: m.onMerge
    })),
    untouchedModels: [...input?.untouchedModels ?? []],
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
async function writeSarif(path, reviews, toolVersion) {
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
  await writeFile(path, `${JSON.stringify(toSarif(merged, { toolVersion }), null, 2)}
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
function unfinishedReviewMarkdown(message, runUrl) {
  return [
    "## \u274C tunegate: the review did not finish",
    `It stopped on an error, so nothing here says whether the datasets are ready: ${safeInline(message, 1e3)}`,
    ...runUrl ? [`See ${safeLink("the run's log", runUrl)}.`] : []
  ].join("\n\n");
}

// packages/usecases/src/review.ts
var MAX_OTHER_ANNOTATIONS = 3;
async function review(request, ports) {
  const { run: run2, failOn } = request;
  const configFile = resolve(run2.workspace, request.config);
  const configPath = repositoryName(run2.workspace, configFile);
  let config;
  try {
    config = await loadConfig(configFile, { repository: run2.workspace });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const counts2 = { errors: err.issues.length, warnings: 0, notices: 0 };
    return {
      kind: "config-error",
      error: err,
      configPath,
      counts: counts2,
      fails: reviewFails(counts2, failOn),
      annotations: fileIssueCommands(configPath, err.issues),
      markdown: configErrorMarkdown(configPath, err)
    };
  }
  const configWarnings = config.warnings.slice(0, MAX_OTHER_ANNOTATIONS);
  for (const w of config.warnings.slice(configWarnings.length))
    ports.log.info(`${configPath}:${w.line}:${w.column}: ${w.message}`);
  const collected = await collectReview({
    run: run2,
    config,
    configPath,
    all: request.all,
    failOn,
    git: ports.git,
    changedFiles: ports.changedFiles,
    parallel: request.parallel,
    baseDir: request.baseDir,
    log: (m) => ports.log.info(m)
  });
  const { input, reviews, missing } = request.grade && ports.grader ? await gradeReview(
    collected,
    {
      config: config.config,
      workspace: run2.workspace,
      fromFork: run2.pr?.fromFork === true,
      log: (m) => ports.log.info(m)
    },
    request.grade,
    ports.grader
  ) : collected;
  const counts = reviewCounts(input.models);
  const fails = reviewFails(counts, failOn);
  const missingShown = missing.slice(0, MAX_OTHER_ANNOTATIONS);
  const commentSlot = request.commenting ? 1 : 0;
  const reserved = Math.max(missingShown.length + (fails ? 1 : 0), configWarnings.length + commentSlot);
  const problems = reviews.flatMap(
    (r) => r.report.files.flatMap((f) => collapseSystematic(f.problems, () => f.records).problems)
  );
  const unlisted = reviews.reduce((n, r) => n + r.report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const annotations = [
    ...fileIssueCommands(configPath, configWarnings, "warning"),
    ...fileIssueCommands(
      configPath,
      missingShown.map((path) => ({
        message: `${path} is named in ${configPath} but does not exist in this pull request.`
      }))
    ),
    ...toWorkflowCommands(problems, {
      unlisted,
      fullListAt: "the job summary of this run",
      limitPerSeverity: Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - reserved)
    })
  ];
  const comment = renderPrComment(input);
  return {
    kind: "reviewed",
    configPath,
    counts,
    fails,
    annotations,
    markdown: withoutValidateMarker(comment),
    input,
    reviews,
    problems,
    comment,
    summary: renderReviewSummary(input),
    sentence: `${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")} in ${plural(input.models.length, "model")} reviewed`
  };
}
function reviewDirs(tempDir) {
  return { reportDir: join3(tempDir, "tunegate-report"), baseDir: join3(tempDir, "tunegate-base") };
}
function plural(n, noun) {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

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
    "@tunegate/aws": "*",
    "@tunegate/core": "*",
    "@tunegate/files": "*",
    "@tunegate/git": "*",
    "@tunegate/github": "*",
    "@tunegate/usecases": "*"
  },
  devDependencies: {
    "@tunegate/github-local": "*",
    "@tunegate/lambda-local": "*",
    "@tunegate/testkit": "*"
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
    sarif: sarif === "" ? void 0 : sarif,
    gradeSample: wholeNumber("grade-sample", getInput("grade-sample"), 0, 1e3),
    gradeTopScore: finiteNumber("grade-top-score", getInput("grade-top-score"), 1)
  };
}
function wholeNumber(name, input, min, max) {
  const value = input.trim() || "0";
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new Error(`${name} takes a whole number from ${min} to ${max}; got "${value}".`);
  }
  return n;
}
function finiteNumber(name, input, fallback) {
  const value = input.trim();
  if (value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} takes a number; got "${value}".`);
  return n;
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
  mkdirSync2(reportDir, { recursive: true });
  const worker = new URL("./dataset-worker.js", import.meta.url);
  const lambda = lambdaGrader();
  const api = octokit && pr ? { octokit, owner: context.owner, repo: context.repo, pullNumber: pr.number } : void 0;
  const result = await review(
    {
      run: { ...context, pr },
      config: inputs.config,
      failOn: inputs.failOn,
      all: inputs.all,
      commenting: inputs.comment && pr !== void 0,
      parallel: existsSync3(worker) ? { script: worker } : void 0,
      baseDir,
      grade: { sample: inputs.gradeSample, topScore: inputs.gradeTopScore }
    },
    {
      git: commitFiles(context.workspace),
      changedFiles: (baseSha) => changedFiles({ cwd: context.workspace, baseSha, ...api ? { api } : {} }),
      log: runnerLog,
      grader: { invoke: lambda.invoke }
    }
  ).finally(() => {
    rmSync(baseDir, { recursive: true, force: true });
    lambda.destroy();
  });
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
    const sarifPath = resolve2(context.workspace, inputs.sarif);
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
