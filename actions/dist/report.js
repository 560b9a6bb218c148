import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  MAX_COMMENT_SIZE,
  MAX_REPORT_JSON_BYTES,
  MAX_REPORT_MARKDOWN_BYTES,
  pct,
  reportFileSchema,
  servingSections
} from "./chunk-AK726VQQ.js";
import {
  loadProjectConfig,
  systemClock,
  systemSleep
} from "./chunk-4AQWCM3R.js";
import {
  BATCH_DONE,
  BATCH_ENDED_BADLY,
  ConfigNotFoundError,
  DEPLOY_TAG,
  JobOutputError,
  ModelCallError,
  NAME_PREFIX,
  REPORTED_TAG,
  TAG,
  VALIDATE_MARKER,
  batchRecordId,
  batchRecords,
  callErrorKind,
  candidateName,
  converseAsker,
  createBatchJob,
  createBedrockClient,
  createBedrockRuntimeClient,
  createDeployment,
  createOctokit,
  createS3Client,
  deleteDeployment,
  deleteProvisioned,
  deploymentToken,
  error,
  evaluationBatchKeys,
  external_exports,
  findBatchJobs,
  findDeployment,
  findJob,
  findProvisioned,
  getInput,
  getJob,
  info,
  isTerminal,
  jobIdOf,
  jobTags,
  listJobsByTag,
  markJobReported,
  nameSlug,
  onDemandBaseId,
  onDemandPrices,
  onDemandUsd,
  percentile,
  pricesForModelId,
  pullRequestComments,
  putBatchRecords,
  readBatchOutcomes,
  readEvalSet,
  readJobMetrics,
  readJobSeries,
  reportedStatus,
  resolveCatalog,
  runAction,
  runnerContext,
  s3Uri,
  safeCode,
  safeInline,
  sanitizeUntrustedMarkdown,
  servingOfTrainingData,
  setFailed,
  setOutput,
  summary,
  tagResource,
  trainCommentMarker,
  updateDeployment,
  waitForBatchJob,
  waitForDeployment,
  waitForProvisioned,
  warning
} from "./chunk-PIF7LJE5.js";
import {
  UserError,
  compileLabelPattern,
  nodeDatasetIo
} from "./chunk-N4AHPHHS.js";
import "./chunk-UW26P3AS.js";
import "./chunk-KCCJD64M.js";

// packages/core/src/concurrency/adaptive-limit.ts
var AdaptiveLimit = class {
  max;
  min;
  #decrease;
  #limit;
  #inFlight = 0;
  /** Successes since the limit last changed; `limit` of them add one. */
  #streak = 0;
  /**
   * Bumped on every decrease. A throttle of a call that started before the last decrease was sent
   * under the old limit, so it says nothing new: one burst of throttles halves the limit once.
   */
  #epoch = 0;
  #throttles = 0;
  #changes;
  #waiting = [];
  constructor(options) {
    const whole = (name, v) => {
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`${name} must be a whole number of at least 1.`);
      return v;
    };
    this.max = whole("max", options.max);
    this.min = whole("min", options.min ?? 1);
    if (this.min > this.max) throw new RangeError("min must not exceed max.");
    this.#limit = Math.min(this.max, Math.max(this.min, whole("initial", options.initial ?? this.max)));
    this.#decrease = options.decrease ?? 0.5;
    if (!(this.#decrease > 0 && this.#decrease < 1))
      throw new RangeError("decrease must be between 0 and 1.");
    this.#changes = [this.#limit];
  }
  get limit() {
    return this.#limit;
  }
  get inFlight() {
    return this.#inFlight;
  }
  /** Callers waiting for a slot. */
  get waiting() {
    return this.#waiting.length;
  }
  get history() {
    return {
      throttles: this.#throttles,
      lowest: Math.min(...this.#changes),
      highest: Math.max(...this.#changes),
      changes: [...this.#changes]
    };
  }
  /** A slot now if one is free and nobody is queued before the caller, else undefined. */
  tryAcquire() {
    if (this.#waiting.length > 0 || this.#inFlight >= this.#limit) return void 0;
    return this.#grant();
  }
  /** A slot, in the order asked for (first come, first served). */
  acquire() {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve2) => this.#waiting.push(resolve2));
  }
  #grant() {
    this.#inFlight++;
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) throw new Error("A permit was released twice.");
        released = true;
        this.#inFlight--;
        this.#record(outcome, epoch);
        this.#wake();
      }
    };
  }
  #record(outcome, epoch) {
    if (outcome === "throttled") {
      this.#throttles++;
      this.#streak = 0;
      if (epoch !== this.#epoch) return;
      this.#epoch++;
      this.#set(Math.max(this.min, Math.floor(this.#limit * this.#decrease)));
    } else if (outcome === "success") {
      if (++this.#streak >= this.#limit) {
        this.#streak = 0;
        this.#set(Math.min(this.max, this.#limit + 1));
      }
    }
  }
  #set(limit) {
    if (limit === this.#limit) return;
    this.#limit = limit;
    this.#changes.push(limit);
  }
  #wake() {
    while (this.#waiting.length > 0 && this.#inFlight < this.#limit) this.#waiting.shift()(this.#grant());
  }
};

// packages/core/src/concurrency/limited-call.ts
function backoffMs(retry, policy) {
  const cap = Math.min(policy.maxDelayMs ?? 2e4, (policy.baseDelayMs ?? 250) * 2 ** (retry - 1));
  return Math.floor(cap * (policy.random ?? Math.random)());
}
var RetriesExhausted = class extends ModelCallError {
  constructor(last, attempts) {
    super(`${last.message} (after ${attempts} attempts)`, last.kind, { cause: last });
    this.last = last;
    this.attempts = attempts;
  }
  last;
  attempts;
  name = "RetriesExhausted";
};
async function callWithLimit(limit, call, policy) {
  const attempts = policy.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    const permit = await limit.acquire();
    let outcome = "failed";
    try {
      const value = await call();
      outcome = "success";
      return value;
    } catch (err) {
      const kind = callErrorKind(err);
      if (kind === "throttled") outcome = "throttled";
      if (kind === "fatal") throw err;
      if (attempt >= attempts) {
        throw attempt > 1 ? new RetriesExhausted(err, attempt) : err;
      }
    } finally {
      permit.release(outcome);
    }
    await policy.sleep(backoffMs(attempt, policy));
  }
}
async function mapWithLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit.max, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

// packages/core/src/evaluation/results.ts
var EVAL_RESULTS_FORMAT = "tunegate.eval/v1";
var rate = external_exports.number().min(0).max(1);
var count = external_exports.number().int().nonnegative();
var priceSchema = external_exports.object({ usd: external_exports.number().nonnegative(), source: external_exports.string().min(1) });
var labelScoreSchema = external_exports.object({
  label: external_exports.string(),
  /** Cases whose reference has this label. */
  support: count,
  /** Cases whose answer has this label. */
  predicted: count,
  truePositives: count,
  /** Absent when the model never answered with this label. */
  precision: rate.optional(),
  /** Absent when no reference has this label. */
  recall: rate.optional()
});
var classificationSchema = external_exports.object({
  pattern: external_exports.string(),
  /** Cases whose reference has a label: the denominator of accuracy. */
  total: count,
  correct: count,
  accuracy: rate,
  labels: external_exports.array(labelScoreSchema),
  /** `matrix[i][j]`: cases whose reference label is `rows[i]` and whose answer's label is `columns[j]`. */
  confusion: external_exports.object({
    rows: external_exports.array(external_exports.string()),
    columns: external_exports.array(external_exports.string()),
    matrix: external_exports.array(external_exports.array(count))
  }),
  /** Cases whose reference matches no label (left out of accuracy). */
  unlabeledReferences: count
}).refine((c) => c.correct <= c.total, { message: "correct cannot exceed total" }).refine(
  (c) => c.confusion.matrix.length === c.confusion.rows.length && c.confusion.matrix.every((row) => row.length === c.confusion.columns.length),
  { message: "the confusion matrix must have one row per rows entry and one cell per columns entry" }
);
var evalSummarySchema = external_exports.object({
  cases: count,
  /** Cases the model answered (the rest failed after retries). */
  answered: count,
  errors: count,
  exactMatch: external_exports.object({ matched: count, rate }),
  classification: classificationSchema.optional(),
  latencyMs: external_exports.object({
    p50: external_exports.number().nonnegative(),
    p95: external_exports.number().nonnegative(),
    /** "service": Converse's metrics.latencyMs; "client": wall time around the call. */
    source: external_exports.enum(["service", "client", "harness"]).optional()
  }).optional(),
  tokens: external_exports.object({ input: count, output: count }).optional(),
  cost: external_exports.object({
    usd: external_exports.number().nonnegative(),
    inputPerMillionTokens: priceSchema,
    outputPerMillionTokens: priceSchema
  }).optional()
});
var caseResultSchema = external_exports.object({
  id: external_exports.string(),
  reference: external_exports.string(),
  /** Absent when the call failed. */
  prediction: external_exports.string().optional(),
  error: external_exports.string().optional(),
  latencyMs: external_exports.number().nonnegative().optional(),
  inputTokens: count.optional(),
  outputTokens: count.optional()
});
var modelResultSchema = external_exports.object({
  /** The model id or ARN that answered (a provisioned throughput ARN for a custom model). */
  model: external_exports.string().min(1),
  summary: evalSummarySchema,
  cases: external_exports.array(caseResultSchema).optional()
});
var evalResultsSchema = external_exports.object({
  format: external_exports.literal(EVAL_RESULTS_FORMAT),
  createdAt: external_exports.string().optional(),
  /** The tunegate model (tunegate.yml name) the evaluation is for. */
  name: external_exports.string().optional(),
  dataset: external_exports.object({ path: external_exports.string(), cases: count, skipped: count.optional() }).optional(),
  labelPattern: external_exports.string().optional(),
  target: modelResultSchema,
  baseline: modelResultSchema.optional()
}).loose();
var EvalResultsError = class extends UserError {
  name = "EvalResultsError";
};
function parseEvalResults(text, source = "the results file") {
  let json;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EvalResultsError(`${source} is not JSON: ${err.message}`);
  }
  const parsed = evalResultsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new EvalResultsError(`${source} does not follow ${EVAL_RESULTS_FORMAT}: ${issues}.`);
  }
  return parsed.data;
}
function headlineScore(summary2) {
  return summary2.classification ? { name: "accuracy", value: summary2.classification.accuracy } : { name: "exact match", value: summary2.exactMatch.rate };
}

// packages/core/src/deploy/decision.ts
var pct2 = (x) => `${(x * 100).toFixed(1)}%`;
var threshold = (x) => x === 0 ? "0" : pct2(x);
function decideDeployment(results, gates, on, against) {
  const target = headlineScore(results.target.summary);
  const failed = gates.find((g) => !g.passed);
  const decision = {
    outcome: on === "never" ? "report-only" : failed || gates.length === 0 ? "kept" : "promoted",
    metric: target.name,
    score: target.value,
    against,
    ...results.baseline ? { againstScore: headlineScore(results.baseline.summary).value } : {}
  };
  if (failed) decision.gate = `${failed.gate} ${threshold(failed.threshold)}`;
  return decision;
}
function decisionHeadline(decision) {
  const where = decision.against === "production" ? "in production" : "for the base model";
  const other = decision.againstScore === void 0 ? void 0 : pct2(decision.againstScore);
  const versus = other ? ` vs ${other} ${where}` : "";
  const score = `${decision.metric} ${pct2(decision.score)}`;
  if (decision.outcome === "promoted") return `promoted: ${score}${versus}`;
  if (decision.outcome === "report-only") return `not promoted (deploy.on: never): ${score}${versus}`;
  const kept = decision.against === "production" ? "kept production" : "not deployed";
  const compare = other && decision.gate?.startsWith("max-regression") ? ` < ${other}` : "";
  const gate = decision.gate ? ` (gate ${decision.gate})` : "";
  return `${kept}: ${score}${compare}${gate}`;
}
function decisionTags(decision) {
  return [
    { key: DEPLOY_TAG.decision, value: decision.outcome },
    { key: DEPLOY_TAG.metric, value: decision.metric },
    { key: DEPLOY_TAG.score, value: String(decision.score) },
    { key: DEPLOY_TAG.against, value: decision.against },
    ...decision.againstScore === void 0 ? [] : [{ key: DEPLOY_TAG.againstScore, value: String(decision.againstScore) }],
    ...decision.gate ? [{ key: DEPLOY_TAG.gate, value: decision.gate }] : []
  ];
}
function decisionFromTags(tags) {
  const get = (key) => tags.find((t) => t.key === key)?.value;
  const outcome = get(DEPLOY_TAG.decision);
  const score = Number(get(DEPLOY_TAG.score));
  if (outcome !== "promoted" && outcome !== "kept" && outcome !== "report-only" || !Number.isFinite(score))
    return void 0;
  const againstScore = Number(get(DEPLOY_TAG.againstScore));
  const gate = get(DEPLOY_TAG.gate)?.match(/^(min-accuracy|max-regression) \d{1,3}(\.\d)?%?$/)?.[0];
  return {
    outcome,
    metric: get(DEPLOY_TAG.metric) === "exact match" ? "exact match" : "accuracy",
    score,
    against: get(DEPLOY_TAG.against) === "production" ? "production" : "base model",
    ...get(DEPLOY_TAG.againstScore) !== void 0 && Number.isFinite(againstScore) ? { againstScore } : {},
    ...gate ? { gate } : {}
  };
}

// packages/core/src/evaluation/batch-route.ts
var BATCH_MIN_RECORDS = 100;
function entryOf(bare, input) {
  const candidates = [...input.baseModel ? [input.baseModel] : [], ...input.catalog?.models ?? []];
  return candidates.find((m) => bare === m.id || bare === m.id.replace(/:\d+k$/, "")) ?? input.catalog?.find(bare);
}
function evaluationRoute(input) {
  if (input.batchAbove === void 0) return { route: "converse", why: "batch inference is off" };
  if (input.cases <= input.batchAbove || input.cases < BATCH_MIN_RECORDS) {
    return {
      route: "converse",
      why: `${input.cases} cases, not more than ${Math.max(input.batchAbove, BATCH_MIN_RECORDS - 1)}`
    };
  }
  const id = input.modelId;
  if (/:(provisioned-model|custom-model-deployment)\//.test(id)) {
    return {
      route: "converse",
      why: "batch inference takes a model, not a provisioned throughput or a deployment"
    };
  }
  if (id.includes(":custom-model/")) {
    const support = input.baseModel?.batchInference;
    return support?.customModels ? { route: "batch" } : {
      route: "converse",
      why: `the catalog does not list batch inference for custom models of ${input.baseModel?.id ?? "this base model"}${support ? ` (${support.source})` : ""}`
    };
  }
  const bare = id.replace(/^(us|eu|apac|global)\./, "").replace(/^arn:aws[^:]*:bedrock:[^:]*:[^:]*:foundation-model\//, "");
  const entry = entryOf(bare, input);
  return entry?.batchInference?.foundationModel ? { route: "batch" } : { route: "converse", why: `the catalog does not list batch inference for ${bare}` };
}

// packages/core/src/evaluation/gates.ts
var GateOptionError = class extends UserError {
  name = "GateOptionError";
};
function parseFraction(name, text) {
  const t = (text ?? "").trim();
  if (t === "") return void 0;
  const percent = t.endsWith("%");
  const n = Number(percent ? t.slice(0, -1).trim() : t);
  const value = percent ? n / 100 : n;
  if (!Number.isFinite(n) || value < 0 || value > 1) {
    throw new GateOptionError(
      `${name} takes a fraction from 0 to 1 (e.g. 0.9) or a percentage (e.g. 90%); got ${JSON.stringify(t)}.`
    );
  }
  return value;
}
var pct3 = (x) => `${(x * 100).toFixed(1)}%`;
function checkGates(results, options) {
  const checks = [];
  const target = headlineScore(results.target.summary);
  if (options.minAccuracy !== void 0) {
    const passed = target.value + 1e-12 >= options.minAccuracy;
    checks.push({
      gate: "min-accuracy",
      threshold: options.minAccuracy,
      value: target.value,
      passed,
      message: `${target.name} of ${results.target.model} is ${pct3(target.value)}; the gate asks for at least ${pct3(options.minAccuracy)}.`
    });
  }
  if (options.maxRegression !== void 0) {
    if (!results.baseline) {
      checks.push({
        gate: "max-regression",
        threshold: options.maxRegression,
        passed: false,
        message: "max-regression is set but no baseline model was evaluated: set the baseline-model input (or --baseline for tunegate eval)."
      });
    } else {
      const base = headlineScore(results.baseline.summary);
      const regression = base.value - target.value;
      const passed = regression <= options.maxRegression + 1e-12;
      checks.push({
        gate: "max-regression",
        threshold: options.maxRegression,
        value: regression,
        passed,
        message: `${target.name}: ${results.target.model} ${pct3(target.value)} vs baseline ${results.baseline.model} ${pct3(base.value)} (${regression > 0 ? `${pct3(regression)} worse` : regression < 0 ? `${pct3(-regression)} better` : "equal"}); the gate allows at most ${pct3(options.maxRegression)} worse.`
      });
    }
  }
  return checks;
}

// packages/core/src/evaluation/score.ts
var NO_LABEL = "(no label)";
var NO_ANSWER = "(no answer)";
function exactMatch(prediction, reference) {
  return prediction !== void 0 && prediction.trim() === reference.trim();
}
function scoreCases(cases, options = {}) {
  const answered = cases.filter((c) => c.prediction !== void 0);
  const matched = cases.filter((c) => exactMatch(c.prediction, c.reference)).length;
  const summary2 = {
    cases: cases.length,
    answered: answered.length,
    errors: cases.length - answered.length,
    exactMatch: { matched, rate: cases.length === 0 ? 0 : matched / cases.length }
  };
  if (options.labelPattern !== void 0) summary2.classification = classify(cases, options.labelPattern);
  const latencies = cases.map((c) => c.latencyMs).filter((l) => l !== void 0).sort((a, b) => a - b);
  if (latencies.length > 0) {
    summary2.latencyMs = {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      ...options.latencySource ? { source: options.latencySource } : {}
    };
  }
  if (cases.some((c) => c.inputTokens !== void 0 || c.outputTokens !== void 0)) {
    const input = cases.reduce((n, c) => n + (c.inputTokens ?? 0), 0);
    const output = cases.reduce((n, c) => n + (c.outputTokens ?? 0), 0);
    summary2.tokens = { input, output };
    const prices = onDemandPrices(options.prices);
    if (prices) summary2.cost = { usd: onDemandUsd(prices, input, output), ...prices };
  }
  return summary2;
}
function labelOf(pattern, text) {
  return pattern.label(text);
}
function classify(cases, labelPattern) {
  const pattern = compileLabelPattern(labelPattern);
  const pairs = [];
  let unlabeledReferences = 0;
  for (const c of cases) {
    const reference = labelOf(pattern, c.reference);
    if (reference === void 0) {
      unlabeledReferences++;
      continue;
    }
    const predicted = c.prediction === void 0 ? NO_ANSWER : labelOf(pattern, c.prediction) ?? NO_LABEL;
    pairs.push({ reference, predicted });
  }
  const byName = (a, b) => a < b ? -1 : a > b ? 1 : 0;
  const rows = [...new Set(pairs.map((p) => p.reference))].sort(byName);
  const extra = [...new Set(pairs.map((p) => p.predicted))].filter((l) => !rows.includes(l) && l !== NO_LABEL && l !== NO_ANSWER).sort(byName);
  const specials = [NO_LABEL, NO_ANSWER].filter((s) => pairs.some((p) => p.predicted === s));
  const columns = [...rows, ...extra, ...specials];
  const rowAt = new Map(rows.map((r, i) => [r, i]));
  const columnAt = new Map(columns.map((c, j) => [c, j]));
  const matrix = rows.map(() => columns.map(() => 0));
  const support = /* @__PURE__ */ new Map();
  const predictedCount = /* @__PURE__ */ new Map();
  const truePositives = /* @__PURE__ */ new Map();
  const bump = (m, key) => m.set(key, (m.get(key) ?? 0) + 1);
  let correct = 0;
  for (const p of pairs) {
    matrix[rowAt.get(p.reference)][columnAt.get(p.predicted)]++;
    bump(support, p.reference);
    bump(predictedCount, p.predicted);
    if (p.reference === p.predicted) {
      correct++;
      bump(truePositives, p.reference);
    }
  }
  const labels = [...rows, ...extra].map((label) => {
    const s = support.get(label) ?? 0;
    const predicted = predictedCount.get(label) ?? 0;
    const tp = truePositives.get(label) ?? 0;
    return {
      label,
      support: s,
      predicted,
      truePositives: tp,
      ...predicted > 0 ? { precision: tp / predicted } : {},
      ...s > 0 ? { recall: tp / s } : {}
    };
  });
  return {
    pattern: labelPattern,
    total: pairs.length,
    correct,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    labels,
    confusion: { rows, columns, matrix },
    unlabeledReferences
  };
}

// packages/core/src/evaluation/run.ts
async function runEvaluation(options) {
  const models = [options.target, ...options.baseline ? [options.baseline] : []];
  const jobs = models.flatMap((m) => options.cases.map((c) => ({ model: m.model, evalCase: c })));
  let done = 0;
  const limit = new AdaptiveLimit({ max: Math.max(1, options.concurrency ?? 4) });
  const retry = options.retry ?? { attempts: 1, sleep: () => Promise.resolve() };
  const answers = await mapWithLimit(jobs, limit, async ({ model, evalCase }) => {
    let result;
    try {
      const answer = await callWithLimit(limit, () => options.ask(model, evalCase), retry);
      result = {
        id: evalCase.id,
        reference: evalCase.reference,
        prediction: answer.text,
        ...answer.latencyMs === void 0 ? {} : { latencyMs: answer.latencyMs },
        ...answer.inputTokens === void 0 ? {} : { inputTokens: answer.inputTokens },
        ...answer.outputTokens === void 0 ? {} : { outputTokens: answer.outputTokens }
      };
    } catch (err) {
      result = {
        id: evalCase.id,
        reference: evalCase.reference,
        error: err.message ?? String(err)
      };
    }
    options.onProgress?.(++done, jobs.length);
    return result;
  });
  const resultFor = (m, offset) => {
    const cases = answers.slice(offset, offset + options.cases.length);
    return {
      model: m.model,
      summary: scoreCases(cases, {
        ...options.labelPattern === void 0 ? {} : { labelPattern: options.labelPattern },
        ...m.prices ? { prices: m.prices } : {},
        ...options.latencySource ? { latencySource: options.latencySource } : {}
      }),
      cases
    };
  };
  return {
    format: EVAL_RESULTS_FORMAT,
    createdAt: (options.now?.() ?? /* @__PURE__ */ new Date()).toISOString(),
    ...options.name === void 0 ? {} : { name: options.name },
    ...options.datasetPath === void 0 ? {} : {
      dataset: {
        path: options.datasetPath,
        cases: options.cases.length,
        ...options.skipped === void 0 ? {} : { skipped: options.skipped }
      }
    },
    ...options.labelPattern === void 0 ? {} : { labelPattern: options.labelPattern },
    target: resultFor(options.target, 0),
    ...options.baseline ? { baseline: resultFor(options.baseline, options.cases.length) } : {}
  };
}

// packages/core/src/report/deploy-section.ts
var ICON = {
  promoted: "\u{1F680}",
  kept: "\u{1F6D1}",
  "report-only": "\u{1F4CB}"
};
function renderDeploySection(view) {
  const lines = ["#### Deployment", ""];
  if (view.decision) {
    lines.push(`${ICON[view.decision.outcome]} **${decisionHeadline(view.decision)}**`);
    if (view.decidedEarlier) {
      lines.push("", "_Decided by an earlier run for this job; the figures are from its evaluation._");
    }
  } else if (view.skipped) {
    lines.push(`\u26AA Not deployed: ${safeInline(view.skipped, 500)}`);
  }
  if (view.interrupted) {
    lines.push(
      `\u26A0\uFE0F Not finished: ${safeInline(view.interrupted, 600)} Run the report again for this job: it goes on from here and creates nothing twice.`
    );
  }
  const rows = [];
  if (view.production) {
    rows.push(
      ["Production", `${safeCode(view.deploymentName, 80)} (${safeInline(view.production.status, 20)})`],
      ["Deployment ARN", safeCode(view.production.arn, 120)],
      ["Serves", safeCode(view.production.modelArn, 160)]
    );
  } else {
    rows.push(["Production", `${safeCode(view.deploymentName, 80)}: not created yet`]);
  }
  const candidate = view.candidate.arn ? safeCode(view.candidate.arn, 120) : safeCode(view.candidate.name, 80);
  rows.push(["Candidate", `${candidate}: ${view.candidate.deleted ? "deleted" : "still exists"}`]);
  lines.push("", "| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`));
  if (view.production && view.rollbackTo) {
    lines.push(
      "",
      `Roll back: \`npx tunegate deploy rollback ${view.modelName}\` points ${safeCode(view.deploymentName, 80, false)} back at ${safeCode(view.rollbackTo, 160, false)}.`
    );
  } else if (view.production && view.decision?.outcome === "promoted") {
    lines.push(
      "",
      `Roll back: this is the first model ${safeCode(view.deploymentName, 80, false)} serves; to stop serving it, delete the deployment (\`aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${view.deploymentName}\`).`
    );
  }
  return lines.join("\n");
}
function deployNextSteps(view) {
  if (view.interrupted) return ["Run the report again for this job to finish the deployment step."];
  if (view.decision?.outcome === "promoted") {
    return [
      `Applications invoke the production deployment's ARN as the \`modelId\` of Converse or InvokeModel; it is billed per token, with no hourly charge. \`npx tunegate deploy status ${view.modelName}\` shows what it serves.`
    ];
  }
  return [
    `Production is unchanged. To put this model in production anyway: \`npx tunegate deploy promote ${view.modelName} --job ${view.jobName}\`.`
  ];
}

// packages/core/src/training/failure-hints.ts
var KNOWN = [
  {
    pattern: /S3 perms missing \(PutObject\)|Could not validate PutObject permissions|Could not write output/i,
    hint: () => ({
      kind: "S3 write permission",
      fix: "The job's service role cannot write to the output folder. Grant it s3:PutObject (and s3:ListBucket) on the output bucket and prefix, check that the bucket policy and any KMS key allow the role, and that the bucket is in the job's Region. Bedrock probes this with output/.write_access_check_file.tmp before training."
    })
  },
  {
    pattern: /Could not validate GetObject permissions|AccessDenied.*GetObject|GetObject.*Access ?Denied/i,
    hint: () => ({
      kind: "S3 read permission",
      fix: "The job's service role cannot read the training or validation file. Grant it s3:GetObject on the dataset keys and s3:ListBucket on the bucket; the bucket must be in the job's Region, and the role's trust policy must name bedrock.amazonaws.com."
    })
  },
  {
    pattern: /Unable to parse Amazon S3 file|must conform to (?:the )?JSONL format|JSONL/i,
    hint: () => ({
      kind: "data format",
      fix: "A data file is not valid JSONL for this base model: every line must be one JSON record in the model's format, with no empty lines. Run `tunegate validate` on the file; it points at the line and says what to change."
    })
  },
  {
    pattern: /Max sum of input and output token length|exceeds total limit|Input size exceeded|token (?:length|limit|count)/i,
    hint: () => ({
      kind: "token limit",
      fix: "At least one record is longer than the base model accepts. Run `tunegate validate` (it reports records over the token limit by line) and shorten or split them, or drop them from the dataset."
    })
  },
  {
    pattern: /licen[cs]e|accept(?:ed)? the (?:terms|EULA)|EULA|model access|end user (?:licen[cs]e )?agreement/i,
    hint: () => ({
      kind: "licence terms",
      fix: "The account has not accepted the base model's licence terms or been granted access to it in this Region. Request access to the model in the Bedrock console (Model access) with the account the job runs in, then merge again or re-run the train action."
    })
  },
  {
    pattern: /number of records|minimum (?:of )?\d+ records|too (?:few|many) records|records? (?:count|limit)/i,
    hint: () => ({
      kind: "record count",
      fix: "The dataset has fewer or more records than the base model's quota allows. `tunegate validate` checks the counts against the catalog's quotas for the model."
    })
  },
  {
    pattern: /ServiceQuotaExceeded|quota|limit exceeded/i,
    hint: () => ({
      kind: "service quota",
      fix: "An account quota was reached (e.g. concurrent customization jobs or custom models). Wait for running jobs to end, delete unused custom models, or ask for a quota increase in Service Quotas."
    })
  },
  {
    pattern: /Internal(?:Server)?(?: server)? ?Error|internal failure/i,
    hint: () => ({
      kind: "service error",
      fix: "Bedrock reported an internal error; this is usually transient. Start the job again (re-run the train action)."
    })
  }
];
function failureHint(message) {
  if (!message) return void 0;
  for (const known of KNOWN) {
    const match = known.pattern.exec(message);
    if (match) return known.hint(match);
  }
  return void 0;
}

// packages/core/src/report/training-format.ts
function iso(d) {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "unknown";
  const s = Math.round(ms / 1e3);
  const h = Math.floor(s / 3600);
  const m = Math.floor(s % 3600 / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${sec} s`;
  return `${sec} s`;
}
function table(headers, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}
function details(summary2, body) {
  return `<details><summary>${summary2}</summary>

${body}

</details>`;
}

// packages/core/src/report/training-evaluation.ts
var MAX_LABEL_ROWS = 30;
var MAX_MATRIX_LABELS = 12;
function evaluationSections(input) {
  const ev = input.evaluation;
  if (!ev) return [];
  if (!ev.results) {
    return [
      {
        text: `#### Evaluation

Not run: ${safeInline(ev.skipped ?? "no evaluation was asked for.", 500)}`
      }
    ];
  }
  const r = ev.results;
  const t = r.target.summary;
  const b = r.baseline?.summary;
  const cols = [
    "",
    `Target ${safeCode(r.target.model, 120)}`,
    ...r.baseline ? [`Baseline ${safeCode(r.baseline.model, 120)}`] : []
  ];
  const row = (name, f) => [name, f(t), ...b ? [f(b)] : []];
  const rows = [row("Cases (answered)", (s) => `${s.cases} (${s.answered})`)];
  if (t.classification || b?.classification) {
    rows.push(
      row(
        "Accuracy",
        (s) => s.classification ? `${pct(s.classification.accuracy)} (${s.classification.correct}/${s.classification.total})` : ""
      )
    );
  }
  rows.push(row("Exact match", (s) => `${pct(s.exactMatch.rate)} (${s.exactMatch.matched}/${s.cases})`));
  if (t.latencyMs || b?.latencyMs) {
    rows.push(
      row(
        "Latency p50 / p95",
        (s) => s.latencyMs ? `${Math.round(s.latencyMs.p50)} ms / ${Math.round(s.latencyMs.p95)} ms` : ""
      )
    );
  }
  if (t.tokens || b?.tokens) {
    rows.push(
      row(
        "Tokens in / out",
        (s) => s.tokens ? `${s.tokens.input.toLocaleString("en-US")} / ${s.tokens.output.toLocaleString("en-US")}` : ""
      )
    );
  }
  rows.push(
    row("Cost of these tokens", (s) => s.cost ? `$${s.cost.usd.toFixed(4)}` : "no price in the catalog")
  );
  const text = ["#### Evaluation", table(cols, rows)];
  if (r.dataset) {
    text.push(
      `Dataset ${safeCode(r.dataset.path, 200, false)}: ${r.dataset.cases} cases${r.dataset.skipped ? `, ${r.dataset.skipped} records skipped (no final assistant reply)` : ""}.` + (r.labelPattern ? ` Labels: ${safeCode(r.labelPattern, 100, false)}.` : "")
    );
  }
  const costSource = t.cost ?? b?.cost;
  if (costSource) {
    text.push(
      `_Prices: input $${costSource.inputPerMillionTokens.usd}/M tokens (${safeInline(costSource.inputPerMillionTokens.source, 200)}), output $${costSource.outputPerMillionTokens.usd}/M tokens (${safeInline(costSource.outputPerMillionTokens.source, 200)}). A custom model on Provisioned Throughput is billed by the hour instead._`
    );
  }
  if (t.errors > 0)
    text.push(`_${t.errors} target call(s) failed after retries; they count as wrong answers._`);
  for (const g of ev.gates ?? [])
    text.push(`${g.passed ? "\u2705" : "\u274C"} **${g.gate}**: ${safeInline(g.message, 500)}`);
  if (ev.resultsPath) text.push(`Results file: ${safeCode(ev.resultsPath, 200, false)}.`);
  const sections = [{ text: text.join("\n\n") }];
  const k = t.classification;
  if (k) {
    const labels = [...k.labels].sort((x, y) => y.support - x.support || (x.label < y.label ? -1 : 1));
    const shown = labels.slice(0, MAX_LABEL_ROWS);
    const perLabel = table(
      ["Label", "Support", "Precision", "Recall"],
      shown.map((l) => [
        safeInline(l.label, 60),
        String(l.support),
        l.precision === void 0 ? "\u2013" : pct(l.precision),
        l.recall === void 0 ? "\u2013" : pct(l.recall)
      ])
    );
    const more = labels.length > shown.length ? `

_${labels.length - shown.length} more labels not shown._` : "";
    sections.push({
      optional: true,
      text: details(`Per-label precision and recall (target, ${labels.length} labels)`, perLabel + more)
    });
    sections.push({
      optional: true,
      text: details("Confusion matrix (target): rows are references, columns answers", confusion(k))
    });
  }
  return sections;
}
function confusion(k) {
  const { rows, columns, matrix } = k.confusion;
  const support = rows.map((_, i) => matrix[i].reduce((a, n) => a + n, 0));
  const order = rows.map((_, i) => i).sort((a, b) => support[b] - support[a] || a - b);
  const keptRows = order.slice(0, MAX_MATRIX_LABELS).sort((a, b) => a - b);
  const keptCols = columns.map((c, j) => ({ c, j })).filter(({ c }) => keptRows.some((i) => rows[i] === c) || c.startsWith("(")).map(({ j }) => j);
  const otherCols = columns.map((_, j) => j).filter((j) => !keptCols.includes(j));
  const headers = [
    "Reference \\ answer",
    ...keptCols.map((j) => safeInline(columns[j], 40)),
    ...otherCols.length ? ["other"] : []
  ];
  const body = keptRows.map((i) => [
    safeInline(rows[i], 40),
    ...keptCols.map((j) => String(matrix[i][j])),
    ...otherCols.length ? [String(otherCols.reduce((a, j) => a + matrix[i][j], 0))] : []
  ]);
  const note = rows.length > keptRows.length ? `

_${rows.length - keptRows.length} less frequent reference labels not shown._` : "";
  return table(headers, body) + note;
}

// packages/core/src/training/loss-summary.ts
function summarizeLosses(points) {
  const first = points[0];
  if (first === void 0) return void 0;
  let best = first;
  const byEpoch = /* @__PURE__ */ new Map();
  for (const p of points) {
    if (p.loss < best.loss) best = p;
    const rows = byEpoch.get(p.epoch);
    if (rows) rows.push(p);
    else byEpoch.set(p.epoch, [p]);
  }
  const epochs = [...byEpoch.entries()].sort(([a], [b]) => a - b).map(([epoch, rows]) => {
    const last = rows[rows.length - 1];
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    for (const r of rows) {
      sum += r.loss;
      if (r.loss < min) min = r.loss;
    }
    return {
      epoch,
      steps: rows.length,
      last: last.loss,
      lastStep: last.step,
      mean: sum / rows.length,
      min
    };
  });
  return { points: points.length, first, final: points[points.length - 1], best, epochs };
}
function delta(current, baseline) {
  const change = current - baseline;
  return baseline === 0 ? { current, baseline, change } : { current, baseline, change, relative: change / baseline };
}
function compareLosses(current, baseline) {
  return {
    final: delta(current.final.loss, baseline.final.loss),
    best: delta(current.best.loss, baseline.best.loss)
  };
}
function downsample(points, max = 100) {
  if (points.length <= max) return [...points];
  const limit = Math.max(3, max);
  let bestIndex = 0;
  for (let i = 1; i < points.length; i++) if (points[i].loss < points[bestIndex].loss) bestIndex = i;
  const keep = /* @__PURE__ */ new Set([0, points.length - 1, bestIndex]);
  const slots = limit - keep.size;
  for (let k = 1; k <= slots; k++) {
    keep.add(Math.round(k * (points.length - 1) / (slots + 1)));
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]);
}

// packages/core/src/report/training-loss.ts
var fmtLoss = (x) => x.toFixed(4);
function fmtDelta(d) {
  if (!d) return "";
  const sign = d.change > 0 ? "+" : d.change < 0 ? "\u2212" : "\xB1";
  const rel = d.relative === void 0 ? "" : ` (${sign}${Math.abs(d.relative * 100).toFixed(1)}%)`;
  const word = d.change < 0 ? " lower" : d.change > 0 ? " higher" : "";
  return `${sign}${fmtLoss(Math.abs(d.change))}${rel}${word}`;
}
function lossSections(input) {
  const { training, validation, baseline } = input;
  const out = [];
  const notes = (input.metricsNotes ?? []).map((n) => `_${safeInline(n, 300)}_`);
  if (!training && !validation) {
    if (input.job.status === "Completed" && !input.series?.length) {
      out.push({
        text: ["#### Loss", "No metrics files were found in the job's output folder.", ...notes].join("\n\n")
      });
    }
    return out;
  }
  const withBaseline = baseline !== void 0;
  const headers = [
    "",
    "Final",
    "Best (step)",
    ...withBaseline ? [`Final vs ${safeCode(baseline.jobName, 80)}`] : []
  ];
  const rows = [];
  for (const [name, curve, base] of [
    ["Training loss", training, baseline?.training],
    ["Validation loss", validation, baseline?.validation]
  ]) {
    if (!curve) continue;
    const s = curve.summary;
    const cmp = base ? compareLosses(s, base) : void 0;
    rows.push([
      name,
      fmtLoss(s.final.loss),
      `${fmtLoss(s.best.loss)} (${s.best.step})`,
      ...withBaseline ? [cmp ? fmtDelta(cmp.final) : "no baseline figure"] : []
    ]);
  }
  const intro = withBaseline ? `Baseline: the previous completed job of this model, ${safeCode(baseline.jobName, 100, false)}. Lower is better.` : "No earlier completed job of this model to compare with. Lower is better.";
  out.push({ text: ["#### Loss", table(headers, rows), intro, ...notes].join("\n\n") });
  const maxPoints = input.maxChartPoints ?? 100;
  if (training && training.points.length > 1) {
    const pts = downsample(training.points, maxPoints);
    const shown = pts.length < training.points.length ? ` (${pts.length} of ${training.points.length} steps)` : "";
    out.push({
      text: [
        `#### Training loss by step${shown}`,
        chart(
          "Training loss by step",
          "step",
          pts.map((p) => String(p.step)),
          [pts.map((p) => p.loss)]
        )
      ].join("\n\n")
    });
    out.push({
      optional: true,
      text: details(
        `Chart data: training loss at ${pts.length} steps`,
        table(
          ["Step", "Epoch", "Training loss"],
          pts.map((p) => [String(p.step), String(p.epoch), fmtLoss(p.loss)])
        )
      )
    });
  }
  const epochs = epochRows(training?.summary, validation?.summary);
  if (epochs.length > 0) {
    const series = [
      ...training ? [epochs.map((e) => e.training ?? Number.NaN)] : [],
      ...validation ? [epochs.map((e) => e.validation ?? Number.NaN)] : []
    ];
    const complete = series.every((s) => s.every(Number.isFinite));
    const legend = training && validation ? "Blue: training loss at the end of each epoch; orange: validation loss." : training ? "Training loss at the end of each epoch." : "Validation loss per epoch.";
    const parts = ["#### Loss by epoch"];
    if (epochs.length > 1 && complete) {
      parts.push(
        chart(
          "Loss by epoch",
          "epoch",
          epochs.map((e) => String(e.epoch)),
          series
        ),
        legend
      );
    }
    parts.push(
      table(
        [
          "Epoch",
          ...training ? ["Steps", "Training loss (end)", "Training loss (mean)"] : [],
          ...validation ? ["Validation loss"] : []
        ],
        epochs.map((e) => [
          String(e.epoch),
          ...training ? [
            String(e.steps ?? ""),
            e.training === void 0 ? "" : fmtLoss(e.training),
            e.mean === void 0 ? "" : fmtLoss(e.mean)
          ] : [],
          ...validation ? [e.validation === void 0 ? "" : fmtLoss(e.validation)] : []
        ])
      )
    );
    out.push({ text: parts.join("\n\n") });
  }
  return out;
}
function epochRows(training, validation) {
  const rows = /* @__PURE__ */ new Map();
  for (const e of training?.epochs ?? [])
    rows.set(e.epoch, { epoch: e.epoch, steps: e.steps, training: e.last, mean: e.mean });
  for (const e of validation?.epochs ?? []) {
    const row = rows.get(e.epoch) ?? { epoch: e.epoch };
    row.validation = e.last;
    rows.set(e.epoch, row);
  }
  return [...rows.values()].sort((a, b) => a.epoch - b.epoch);
}
function chart(title, xLabel, categories, series, yLabel = "loss") {
  const all = series.flat().filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.05 || 0.05;
  const y0 = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
  const y1 = hi + pad;
  return [
    "```mermaid",
    '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#1f77b4, #ff7f0e"}}}}%%',
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis "${xLabel}" [${categories.join(", ")}]`,
    `  y-axis "${yLabel}" ${y0.toFixed(3)} --> ${y1.toFixed(3)}`,
    ...series.map((s) => `  line [${s.map((v) => v.toFixed(4)).join(", ")}]`),
    "```"
  ].join("\n");
}

// packages/core/src/report/training-next-steps.ts
function nextSteps(input) {
  const { job, baseModel } = input;
  const lines = ["#### What next"];
  switch (job.status) {
    case "InProgress":
    case "Stopping":
      lines.push("The report action updates this comment when the job ends.");
      break;
    case "Stopped":
      lines.push(
        "The job was stopped before it finished, so there is no model. Re-run the train action to start it again."
      );
      break;
    case "Failed":
      lines.push(
        "Fix the cause above and merge the fix, or re-run the train action if the data was not the problem. Run `npx tunegate validate` on the dataset first: it checks what Bedrock checks."
      );
      break;
    case "Completed":
      lines.push(...input.deploy ? deployNextSteps(input.deploy) : provisioningAdvice(input));
      break;
    default:
      lines.push("The job is in a state tunegate does not know; see the Bedrock console.");
  }
  if (job.status === "Completed" && !baseModel) {
    lines.push(
      "_The base model is not in tunegate's catalog, so no prices are shown; add it under `catalog:` in tunegate.yml._"
    );
  }
  return lines.join("\n\n");
}
function provisioningAdvice(input) {
  const { job, baseModel, evaluation } = input;
  const out = [];
  const hourly = baseModel?.prices.provisionedThroughputPerHour;
  const results = evaluation?.results;
  const target = results ? headlineScore(results.target.summary) : void 0;
  const base = results?.baseline ? headlineScore(results.baseline.summary) : void 0;
  if (target && base && target.value <= base.value) {
    out.push(
      `**Consider not deploying this model:** its ${target.name} (${pct(target.value)}) is no better than the baseline's (${pct(base.value)}). A custom model is only served through Provisioned Throughput, billed by the hour whether used or not.`
    );
  } else if (target && base) {
    out.push(`The model beats the baseline: ${target.name} ${pct(target.value)} against ${pct(base.value)}.`);
  }
  if (hourly) {
    out.push(
      `To use it, buy **Provisioned Throughput**: about **$${hourly.usd.toFixed(2)} per hour** per model unit (\u2248 $${(hourly.usd * 24 * 30).toLocaleString("en-US", { maximumFractionDigits: 0 })} per 30 days), billed from creation until you delete it; creation takes about 20\u201330 minutes, and model units may first have to be requested from AWS support. _Source: ${safeInline(hourly.source, 300)}._`
    );
    const perRequest = onDemandCostPerRequest(input);
    if (perRequest) {
      const breakEven = hourly.usd / perRequest.usd;
      out.push(
        `On demand, the base model costs about $${perRequest.usd.toPrecision(3)} per request at this evaluation's average of ${Math.round(perRequest.input)} input and ${Math.round(perRequest.output)} output tokens, so one model unit costs as much as **${Math.round(breakEven).toLocaleString("en-US")} base-model requests per hour** (${(breakEven / 3600).toFixed(1)} per second). Below that volume the base model on demand is cheaper, unless the quality gain is worth the difference.`
      );
    }
  } else {
    out.push(
      "The catalog has no Provisioned Throughput price for this base model; add `prices.provisionedThroughputPerHour` (with its source) to its catalog entry in tunegate.yml to see the cost here."
    );
  }
  if (job.outputModelArn) {
    out.push(["```sh", `tunegate provision create ${shellWord(input.modelName)}`, "```"].join("\n"));
    if (!results) {
      out.push(
        "It prints the hourly price and its source before buying, with no commitment. Then run the report action again with `eval: true`, `provisioned-model: <its name>` and `teardown: true` to compare it with the base model and delete the throughput after."
      );
    }
  }
  return out;
}
function onDemandCostPerRequest(input) {
  const prices = onDemandPrices(input.baseModel?.prices);
  const summary2 = input.evaluation?.results?.baseline?.summary ?? input.evaluation?.results?.target.summary;
  if (!prices || !summary2?.tokens || summary2.answered === 0) return void 0;
  const avgIn = summary2.tokens.input / summary2.answered;
  const avgOut = summary2.tokens.output / summary2.answered;
  const usd = onDemandUsd(prices, avgIn, avgOut);
  return usd > 0 ? { usd, input: avgIn, output: avgOut } : void 0;
}
function shellWord(text) {
  return text.replace(/[^A-Za-z0-9:/._+-]/g, "-").slice(0, 300);
}

// packages/core/src/report/training-series.ts
var MAX_CHARTS = 4;
var fmt = (x) => Math.abs(x) >= 1e3 ? x.toFixed(0) : x.toFixed(4);
function customizationRows(job) {
  const config = job.customizationConfig;
  if (config && "rftConfig" in config) {
    const hp = Object.entries(config.rftConfig.hyperParameters ?? {}).sort(([a], [b]) => a < b ? -1 : 1).map(([k, v]) => safeCode(`${k}=${String(v)}`, 80));
    return [
      ["Customization", "reinforcement fine-tuning"],
      ["Grader", safeCode(config.rftConfig.graderConfig.lambdaGrader.lambdaArn, 520)],
      ["Hyperparameters", hp.length > 0 ? hp.join(", ") : "the service's defaults (AWS publishes none)"]
    ];
  }
  if (config && "distillationConfig" in config) {
    const teacher = config.distillationConfig.teacherModelConfig;
    return [
      ["Customization", "distillation"],
      ["Teacher", safeCode(teacher.teacherModelIdentifier, 300)],
      ...teacher.maxResponseLengthForInference === void 0 ? [] : [["Longest teacher answer", `${teacher.maxResponseLengthForInference} tokens`]]
    ];
  }
  if (job.customizationType !== void 0 && job.customizationType !== "FINE_TUNING") {
    return [["Customization", safeInline(job.customizationType, 40)]];
  }
  return [];
}
function isSupervisedJob(job) {
  return job.customizationType === void 0 || job.customizationType === "FINE_TUNING";
}
function highest(points) {
  return points.reduce((best, p) => p.value > best.value ? p : best, points[0]);
}
function chartTitle(series, index) {
  return series.name === "aggregate_reward_score" ? "Reward by step" : `Series ${index} by step`;
}
function seriesSections(input) {
  const files = input.series ?? [];
  const all = files.flatMap((f) => f.series.map((s) => ({ file: f.name, series: s })));
  if (all.length === 0) return [];
  const rows = all.map(({ file, series }, i) => {
    const top = highest(series.points);
    return [
      String(i + 1),
      safeCode(series.name, 60),
      safeCode(file, 200),
      String(series.points.length),
      fmt(series.points[0].value),
      fmt(series.points.at(-1).value),
      `${fmt(top.value)} (${top.step})`
    ];
  });
  const sections = [
    {
      text: [
        "#### Rewards and metrics",
        table(["", "Series", "File", "Steps", "First", "Final", "Highest (step)"], rows),
        "_Read from the job's output folder. AWS does not document where or how reinforcement fine-tuning reports rewards, so every CSV with a step column there is shown. A higher reward is better._"
      ].join("\n\n")
    }
  ];
  const maxPoints = input.maxChartPoints ?? 100;
  all.filter(({ series }) => series.points.length > 1).slice(0, MAX_CHARTS).forEach(({ file, series }, i) => {
    const shown = downsample(
      series.points.map((p) => ({ step: p.step, epoch: p.epoch ?? 0, loss: p.value })),
      maxPoints
    );
    const index = all.findIndex((a) => a.series === series) + 1;
    sections.push({
      // The first chart is the headline figure; the others give way when the comment is too long.
      ...i > 0 ? { optional: true } : {},
      text: [
        `#### ${index}. ${safeCode(series.name, 60, false)} by step (${safeCode(file, 200, false)})`,
        chart(
          chartTitle(series, index),
          "step",
          shown.map((p) => String(p.step)),
          [shown.map((p) => p.loss)],
          series.name === "aggregate_reward_score" ? "reward" : "value"
        )
      ].join("\n\n")
    });
  });
  return sections;
}

// packages/core/src/report/training-comment.ts
var STATUS_TEXT = {
  InProgress: "\u23F3 Training in progress",
  Completed: "\u2705 Training completed",
  Failed: "\u274C Training failed",
  Stopping: "\u23F9\uFE0F Training stopping",
  Stopped: "\u23F9\uFE0F Training stopped"
};
function renderTrainingComment(input) {
  const max = input.maxChars ?? MAX_COMMENT_SIZE;
  const sections = [
    { text: input.marker },
    { text: header(input) },
    { text: jobTable(input) },
    ...failureSection(input),
    ...lossSections(input),
    ...seriesSections(input),
    ...evaluationSections(input),
    ...input.deploy ? [{ text: renderDeploySection(input.deploy) }] : [],
    { text: nextSteps(input) },
    ...servingSections(input)
  ];
  let body = join(sections);
  for (let i = sections.length - 1; body.length > max && i >= 0; i--) {
    if (!sections[i].optional) continue;
    sections.splice(i, 1);
    body = join([
      ...sections,
      { text: "_Some detail tables were left out to fit GitHub's comment size limit._" }
    ]);
  }
  if (body.length > max) {
    body = `${body.slice(0, max - 80)}

_The rest of this comment was cut to fit GitHub's size limit._`;
  }
  return body;
}
function join(sections) {
  return `${sections.map((s) => s.text).join("\n\n")}
`;
}
function header(input) {
  const status = STATUS_TEXT[input.job.status] ?? `Training ${safeInline(input.job.status, 40)}`;
  const base = input.baseModel ? ` (${safeInline(input.baseModel.name, 80)})` : "";
  return `### ${status}: ${safeCode(input.modelName, 80, false)}${base}`;
}
function jobTable(input) {
  const { job } = input;
  const rows = [
    ["Job", safeCode(job.jobName, 100)],
    ["Status", safeInline(job.status, 40)]
  ];
  if (job.creationTime) {
    const end = job.endTime ?? void 0;
    rows.push([
      "Duration",
      end ? `${formatDuration(end.getTime() - job.creationTime.getTime())} (started ${iso(job.creationTime)}, ended ${iso(end)})` : `started ${iso(job.creationTime)}`
    ]);
  }
  if (job.baseModelId) rows.push(["Base model", safeCode(job.baseModelId, 200)]);
  rows.push(...customizationRows(job));
  const sent = job.hyperParameters ?? {};
  const hp = Object.entries(sent).sort(([a], [b]) => a < b ? -1 : 1).map(([k, v]) => safeCode(`${k}=${v}`, 80));
  for (const spec of isSupervisedJob(job) ? input.baseModel?.hyperparameters ?? [] : []) {
    if (!(spec.name in sent)) hp.push(`${safeCode(`${spec.name}=${spec.default}`, 80)} (default)`);
  }
  if (hp.length > 0) rows.push(["Hyperparameters", hp.join(", ")]);
  if (job.outputModelArn) rows.push(["Custom model", safeCode(job.outputModelArn, 300)]);
  return table(["", ""], rows);
}
function failureSection(input) {
  const { job } = input;
  if (job.status !== "Failed") return [];
  const message = job.failureMessage ? safeInline(job.failureMessage, 2e3) : "Bedrock gave no failure message.";
  const hint = failureHint(job.failureMessage);
  const lines = [`**Bedrock says:** ${message}`];
  lines.push(
    hint ? `**Likely cause: ${hint.kind}.** ${safeInline(hint.fix, 1e3)}` : "**Likely cause:** not one tunegate recognises; see the message above and the Bedrock console."
  );
  return [{ text: lines.join("\n\n") }];
}

// packages/usecases/src/deploy/candidate.ts
async function readyCandidate(spec) {
  const { bedrock, modelArn } = spec;
  const name = candidateName(spec.deploymentName, spec.jobId);
  let candidate = await findDeployment(bedrock, name);
  if (candidate && candidate.modelArn !== modelArn) {
    throw new UserError(
      `A deployment named ${name} already serves ${candidate.modelArn}, not ${modelArn} (the model of ${spec.jobName}).`,
      {
        fix: `delete it (aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${name}) and run the report again.`
      }
    );
  }
  if (!candidate) {
    spec.log(`Creating the candidate deployment ${name} for ${modelArn}.`);
    const arn = await createDeployment(bedrock, {
      name,
      modelArn,
      description: `Candidate for evaluation of ${spec.jobName}, managed by tunegate; deleted after the decision`,
      tags: [
        ...spec.tags,
        { key: DEPLOY_TAG.role, value: "candidate" },
        { key: DEPLOY_TAG.job, value: spec.jobName }
      ],
      clientRequestToken: deploymentToken("candidate", spec.jobId)
    });
    candidate = { arn, name, status: "Creating", modelArn };
  }
  return waitForDeployment(bedrock, candidate.arn, spec.wait);
}
function removeCandidate(bedrock, deploymentName, jobId) {
  return deleteDeployment(bedrock, candidateName(deploymentName, jobId));
}

// packages/usecases/src/deploy/promotion.ts
var tagOf = (tags, key) => tags.find((t) => t.key === key)?.value;
async function promoteModel(target) {
  const { bedrock, deploymentName, modelArn, log } = target;
  const modelTags = await jobTags(bedrock, modelArn);
  let production = await findDeployment(bedrock, deploymentName);
  let created = false;
  if (!production) {
    log(`Creating the production deployment ${deploymentName} for ${modelArn}.`);
    const arn = await createDeployment(bedrock, {
      name: deploymentName,
      modelArn,
      description: `Production deployment of ${deploymentName}, managed by tunegate`,
      tags: [...target.tags, { key: DEPLOY_TAG.role, value: "production" }],
      clientRequestToken: deploymentToken("production", target.tokenId)
    });
    production = await waitForDeployment(bedrock, arn, { ...target.wait, modelArn });
    created = true;
  } else {
    production = await waitForDeployment(bedrock, production.arn, target.wait);
    if (production.modelArn !== modelArn) {
      if (tagOf(modelTags, DEPLOY_TAG.replaced) === void 0) {
        await tagResource(bedrock, modelArn, [{ key: DEPLOY_TAG.replaced, value: production.modelArn }]);
        modelTags.push({ key: DEPLOY_TAG.replaced, value: production.modelArn });
      }
      log(`Updating ${deploymentName} from ${production.modelArn} to ${modelArn}.`);
      await updateDeployment(bedrock, production.arn, modelArn);
      production = await waitForDeployment(bedrock, production.arn, { ...target.wait, modelArn });
    }
  }
  if (tagOf(modelTags, DEPLOY_TAG.promotedAt) === void 0) {
    await tagResource(bedrock, modelArn, [
      { key: DEPLOY_TAG.promotedAt, value: target.clock.now().toISOString() }
    ]);
  }
  const replaced = tagOf(modelTags, DEPLOY_TAG.replaced);
  return { production, created, ...replaced ? { replaced } : {} };
}

// packages/usecases/src/deploy/deploy-job.ts
async function deployJobModel(options) {
  const { bedrock, deploy, job, log } = options;
  const jobId = jobIdOf(job.jobArn);
  const candidate = { name: candidateName(deploy.name, jobId), deleted: false };
  const view = {
    modelName: options.modelName,
    jobName: job.jobName,
    deploymentName: deploy.name,
    candidate
  };
  const tags = options.jobTags.filter((t) => t.key !== REPORTED_TAG && !t.key.startsWith("tunegate:deploy"));
  let evaluation;
  try {
    const modelTags = await jobTags(bedrock, job.customModelArn);
    let decision = decisionFromTags(modelTags);
    if (decision) view.decidedEarlier = true;
    if (!decision) {
      const ready = await readyCandidate({
        bedrock,
        deploymentName: deploy.name,
        jobName: job.jobName,
        jobId,
        modelArn: job.customModelArn,
        tags,
        ...options.wait ? { wait: options.wait } : {},
        log
      });
      candidate.arn = ready.arn;
      let production2 = await findDeployment(bedrock, deploy.name);
      if (production2) production2 = await waitForDeployment(bedrock, production2.arn, options.wait);
      const baseline = production2?.arn ?? onDemandBaseId(options.baseModel.id);
      const gates = { ...options.gates, maxRegression: options.gates.maxRegression ?? 0 };
      log(
        `Evaluating the candidate ${ready.arn} against ${production2 ? `production (${production2.modelArn})` : baseline}.`
      );
      evaluation = await options.evaluate(ready.arn, baseline, gates);
      const results = evaluation.view.results;
      if (!results) {
        view.skipped = evaluation.view.skipped ?? "no evaluation ran";
      } else {
        decision = decideDeployment(
          results,
          evaluation.view.gates ?? [],
          deploy.on,
          production2 ? "production" : "base model"
        );
        await tagResource(bedrock, job.customModelArn, decisionTags(decision));
        modelTags.push(...decisionTags(decision));
      }
    }
    if (decision) view.decision = decision;
    const promotedBefore = modelTags.some((t) => t.key === DEPLOY_TAG.promotedAt);
    if (decision?.outcome === "promoted" && !promotedBefore) {
      await promoteModel({
        bedrock,
        deploymentName: deploy.name,
        modelArn: job.customModelArn,
        tags,
        tokenId: jobId,
        ...options.wait ? { wait: options.wait } : {},
        clock: options.clock,
        log
      });
    }
    candidate.deleted = await removeCandidate(bedrock, deploy.name, jobId) || candidate.arn === void 0;
    if (candidate.deleted) log(`The candidate ${candidate.name} is deleted.`);
    const production = await findDeployment(bedrock, deploy.name);
    if (production) {
      view.production = { arn: production.arn, modelArn: production.modelArn, status: production.status };
      const served = await jobTags(bedrock, production.modelArn);
      const back = served.find((t) => t.key === DEPLOY_TAG.replaced)?.value;
      if (back) view.rollbackTo = back;
    }
  } catch (err) {
    view.interrupted = err.message;
  }
  return { view, ...evaluation ? { evaluation } : {} };
}

// packages/usecases/src/evaluate-batch.ts
import { createHash } from "node:crypto";
var BatchPendingError = class extends UserError {
  constructor(job) {
    super(
      `the batch inference job ${job.name} (${job.arn}) is ${job.status}${job.totalRecordCount ? ` (${job.processedRecordCount ?? 0} of ${job.totalRecordCount} records)` : ""}; run the report again once it has ended to score it (the same job is found, nothing is paid twice)`,
      { fix: "Run the report again later." }
    );
    this.job = job;
  }
  job;
  name = "BatchPendingError";
};
var sha256 = (text) => createHash("sha256").update(text).digest("hex");
var ATTEMPT = /-a(\d{1,3})$/;
function batchJobName(modelName, modelId, recordsSha256) {
  const key = sha256(JSON.stringify(["tunegate-eval", modelId, recordsSha256])).slice(0, 12);
  const room = 63 - `${NAME_PREFIX}-eval--${key}-a999`.length;
  return `${NAME_PREFIX}-eval-${nameSlug(modelName, room)}-${key}`;
}
async function batchOutcomes(modelName, modelId, cases, maxTokens, options) {
  const log = options.log ?? (() => {
  });
  const records = batchRecords(cases, maxTokens === void 0 ? {} : { maxTokens });
  const recordsSha = sha256(records);
  const keys = evaluationBatchKeys({ prefix: options.prefix, model: modelName, sha256: recordsSha });
  const uploaded = await putBatchRecords(options.s3, {
    bucket: options.bucket,
    key: keys.input,
    sha256: recordsSha,
    body: records
  });
  log(
    `${cases.length} records ${uploaded === "present" ? "already in" : "uploaded to"} ${s3Uri(options.bucket, keys.input)}.`
  );
  const base = batchJobName(modelName, modelId, recordsSha);
  const mine = (await findBatchJobs(options.bedrock, base)).filter(
    (job2) => job2.name === base || job2.name.startsWith(`${base}-a`) && ATTEMPT.test(job2.name)
  );
  const attemptOf = (job2) => Number(ATTEMPT.exec(job2.name)?.[1] ?? 1);
  const latest = mine.sort((a, b) => attemptOf(b) - attemptOf(a))[0];
  let job = latest && !(BATCH_ENDED_BADLY.has(latest.status) && latest.status !== "Stopping") ? latest : void 0;
  if (job) log(`Batch inference job ${job.name} found (${job.status}): not submitted again.`);
  else {
    const attempt = latest ? attemptOf(latest) + 1 : 1;
    const name = attempt > 1 ? `${base}-a${attempt}` : base;
    const token = `${NAME_PREFIX}-${sha256(JSON.stringify(["tunegate-batch", modelId, recordsSha, attempt])).slice(0, 40)}`;
    const created = await createBatchJob(options.bedrock, {
      name,
      clientRequestToken: token,
      modelId,
      roleArn: options.roleArn,
      inputS3Uri: s3Uri(options.bucket, keys.input),
      outputS3Uri: s3Uri(options.bucket, keys.output),
      tags: options.tags
    });
    log(
      `Batch inference job ${name} submitted for ${modelId}${latest ? ` (the earlier one, ${latest.name}, ended ${latest.status})` : ""}.`
    );
    job = {
      arn: created.arn,
      name,
      modelId,
      status: "Submitted",
      outputS3Uri: s3Uri(options.bucket, keys.output)
    };
  }
  if (!BATCH_DONE.has(job.status)) job = await waitForBatchJob(options.bedrock, job.arn, options.wait);
  if (!BATCH_DONE.has(job.status)) {
    if (BATCH_ENDED_BADLY.has(job.status) && job.status !== "Stopping") {
      throw new UserError(
        `the batch inference job ${job.name} (${job.arn}) ended ${job.status}${job.message ? `: ${job.message}` : ""}`,
        { fix: "Fix what the message names; the next run submits a new attempt." }
      );
    }
    throw new BatchPendingError(job);
  }
  const outcomes = await readBatchOutcomes(options.s3, {
    arn: job.arn,
    outputS3Uri: job.outputS3Uri ?? s3Uri(options.bucket, keys.output)
  });
  log(`Batch inference job ${job.name} ${job.status}: ${outcomes.size} results read.`);
  return { job, outcomes };
}

// packages/usecases/src/evaluate.ts
async function batchAsker(options, converse) {
  const { batch } = options;
  const byModel = /* @__PURE__ */ new Map();
  for (const modelId of [options.target, ...options.baseline ? [options.baseline] : []]) {
    if (!batch || byModel.has(modelId)) continue;
    const route = evaluationRoute({
      modelId,
      cases: options.cases.length,
      batchAbove: batch.batchAbove,
      baseModel: options.baseModel,
      ...options.catalog ? { catalog: options.catalog } : {}
    });
    if (route.route === "converse") {
      batch.log?.(`${modelId}: one Converse call per case (${route.why}).`);
      continue;
    }
    const { outcomes } = await batchOutcomes(options.name, modelId, options.cases, options.maxTokens, batch);
    byModel.set(modelId, outcomes);
  }
  if (byModel.size === 0) return converse;
  return async (modelId, evalCase) => {
    const outcomes = byModel.get(modelId);
    if (!outcomes) return converse(modelId, evalCase);
    const outcome = outcomes.get(batchRecordId(evalCase));
    if (!outcome) throw new Error("the batch inference job wrote no result for this record");
    if ("error" in outcome) throw new Error(outcome.error);
    return outcome.answer;
  };
}
async function evaluateModel(options) {
  const client = options.runtime?.() ?? createBedrockRuntimeClient({
    maxAttempts: 1,
    ...options.region ? { region: options.region } : {},
    ...options.env ? { env: options.env } : {}
  });
  try {
    const prices = options.baseline ? pricesForModelId(options.baseline, options.baseModel, options.catalog) : void 0;
    return await runEvaluation({
      cases: options.cases,
      target: { model: options.target },
      ...options.baseline ? { baseline: { model: options.baseline, ...prices ? { prices } : {} } } : {},
      ask: await batchAsker(
        options,
        converseAsker(client, options.maxTokens === void 0 ? {} : { maxTokens: options.maxTokens })
      ),
      concurrency: options.concurrency,
      // Six tries in all, as the SDK's default client made before the limit took its retries over.
      retry: { attempts: 6, sleep: options.sleep ?? systemSleep },
      latencySource: "service",
      name: options.name,
      datasetPath: options.datasetPath,
      skipped: options.skipped,
      ...options.labelPattern === void 0 ? {} : { labelPattern: options.labelPattern },
      ...options.onProgress ? { onProgress: options.onProgress } : {},
      ...options.clock ? { now: () => options.clock.now() } : {}
    });
  } finally {
    client.destroy();
  }
}

// packages/usecases/src/from-report.ts
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";
var ReportFileError = class extends UserError {
  name = "ReportFileError";
};
async function readCapped(folder, name, max) {
  const path = join2(folder, name);
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
    json = JSON.parse(await readCapped(dirname(path), basename(path), MAX_REPORT_JSON_BYTES));
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
    markdown = await readCapped(dirname(path), name, MAX_REPORT_MARKDOWN_BYTES);
  }
  return { report, markdown };
}
async function postFromReport(options) {
  const { run: context, comments } = options;
  const { report, markdown } = await readReportFile(options.path);
  const pr = await pullRequestOfRun(comments, context, report.headSha);
  if (report.pullRequest !== void 0 && report.pullRequest !== pr.number) {
    options.log.warning(
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
  const result = await comments.upsert(pr.number, VALIDATE_MARKER, body);
  if ("reason" in result) {
    options.log.warning(result.reason);
    return { pr: pr.number, action: result.action };
  }
  options.log.info(`Validation report ${result.action} on #${pr.number}: ${result.url}`);
  return { pr: pr.number, commentUrl: result.url, action: result.action };
}
async function pullRequestOfRun(comments, context, fileHeadSha) {
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
  const pr = listed ? await comments.pullRequest(listed.number) : await comments.pullRequestForCommit(headSha);
  if (!pr || pr.headSha !== headSha) {
    throw new ReportFileError(
      `No pull request in ${context.repository} has ${headSha} (the workflow run's head commit) as its head commit (it may have been pushed to since); nothing posted.`
    );
  }
  return pr;
}

// packages/usecases/src/report-evaluation.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join as join3, resolve } from "node:path";
async function evaluateJob(options) {
  const { settings } = options;
  const skip = (reason) => skippedEvaluation(reason, options.gates);
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
      io: nodeDatasetIo,
      name: settings.dataset
    });
    if (set.cases.length === 0)
      return skip(`${settings.dataset} has no record with a final assistant reply to compare against.`);
    options.log(
      `Evaluating ${settings.target}${settings.baseline ? ` and ${settings.baseline}` : ""} on ${set.cases.length} cases of ${settings.dataset}.`
    );
    results = await evaluateModel({
      cases: set.cases,
      skipped: set.skipped.length,
      datasetPath: settings.dataset,
      name: options.modelName,
      target: settings.target,
      ...settings.baseline ? { baseline: settings.baseline } : {},
      ...options.baseModel ? { baseModel: options.baseModel } : {},
      catalog: options.catalog,
      ...settings.labelPattern === void 0 ? {} : { labelPattern: settings.labelPattern },
      concurrency: settings.concurrency ?? 4,
      ...settings.maxTokens === void 0 ? {} : { maxTokens: settings.maxTokens },
      region: options.region,
      ...options.batch && settings.storage ? { batch: { ...options.batch, ...settings.storage } } : {}
    });
    await mkdir(options.outputDir, { recursive: true });
    resultsPath = join3(
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
function skippedEvaluation(reason, gates) {
  const gatesAsked = gates.minAccuracy !== void 0 || gates.maxRegression !== void 0;
  return {
    view: {
      skipped: reason,
      ...gatesAsked ? {
        gates: [
          {
            gate: gates.minAccuracy !== void 0 ? "min-accuracy" : "max-regression",
            threshold: gates.minAccuracy ?? gates.maxRegression ?? 0,
            passed: false,
            message: `a gate is set but no evaluation ran: ${reason}`
          }
        ]
      } : {}
    },
    gatesFailed: gatesAsked
  };
}
function inWorkspace(workspace, path) {
  return isAbsolute(path) ? path : resolve(workspace, path);
}
function safeName(text) {
  return text.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 80);
}
function userGateFailed(evaluation, gates) {
  const set = (g) => g.gate === "min-accuracy" ? gates.minAccuracy : gates.maxRegression;
  return evaluation?.view.gates?.some((g) => !g.passed && set(g) !== void 0) ?? false;
}

// packages/usecases/src/report-provisioned.ts
var hours = (from, to) => from ? `, about ${Math.max(0, (to.getTime() - from.getTime()) / 36e5).toFixed(1)} h after it was created` : "";
async function withProvisionedTarget(bedrock, input, customModelArn, run2, options) {
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  let pt = await findProvisioned(bedrock, input.identifier);
  if (!pt) {
    return {
      skipped: `the Provisioned Throughput ${input.identifier} does not exist (an earlier run may have deleted it after its evaluation).`,
      note: `Provisioned Throughput \`${input.identifier}\` does not exist: nothing bills for this evaluation.`
    };
  }
  const running = (why) => `\u26A0\uFE0F Provisioned Throughput \`${pt.name}\` (\`${pt.arn}\`) ${why} and bills by the hour until it is deleted: \`tunegate provision delete ${options.modelName}\`, or delete it in the Bedrock console.`;
  if (customModelArn && pt.modelArn !== customModelArn) {
    return {
      skipped: `the Provisioned Throughput ${pt.name} serves ${pt.modelArn}, not this job's model ${customModelArn}.`,
      note: running("serves another model, so it was neither used nor deleted; it is still running")
    };
  }
  let value;
  let skipped;
  let failure;
  try {
    if (pt.status === "Creating" || pt.status === "Updating") {
      options.log(`${pt.name} is ${pt.status}: waiting for it to be InService.`);
      pt = await waitForProvisioned(bedrock, pt.arn, input.wait ?? { timeoutMs: 60 * 6e4 }) ?? pt;
    }
    if (pt.status === "InService") value = await run2(pt.arn);
    else
      skipped = `the Provisioned Throughput ${pt.name} is ${pt.status}${pt.failureMessage ? ` (${pt.failureMessage})` : ""}, not InService.`;
  } catch (error2) {
    failure = error2;
  }
  let note;
  if (input.teardown) {
    const result = await deleteProvisioned(bedrock, pt.arn);
    options.log(`${pt.name} ${result} (teardown: true).`);
    note = `Provisioned Throughput \`${pt.name}\` (\`${pt.arn}\`) was ${result === "deleted" ? "deleted" : "already deleted"} after the evaluation (teardown: true)${hours(pt.creationTime, now())}` + (pt.commitment ? `; its ${pt.commitment} commitment bills until ${pt.commitmentExpires?.toISOString().slice(0, 10) ?? "its term ends"}.` : ": nothing is left billing.");
  } else {
    note = running("is still running (teardown is off)");
  }
  return {
    ...value === void 0 ? {} : { value },
    ...skipped ? { skipped } : {},
    ...failure === void 0 ? {} : { error: failure },
    note
  };
}
function withProvisionedNote(body, note) {
  return note ? `${body.trimEnd()}

${note}
` : body;
}

// packages/usecases/src/report-evaluate-step.ts
async function evaluateStep(input) {
  const { log } = input;
  const evaluateTarget = (target) => input.evaluate(target ? { ...input.settings, target } : input.settings, input.gates, input.resultsFile);
  let evaluation;
  let provisionedNote;
  try {
    if (input.provisioned) {
      const through = await withProvisionedTarget(
        input.bedrock,
        input.provisioned,
        input.customModelArn,
        evaluateTarget,
        { log: (m) => log.info(m), modelName: input.modelName }
      );
      provisionedNote = through.note;
      if (through.error !== void 0) throw through.error;
      evaluation = through.value ?? skippedEvaluation(through.skipped ?? "", input.gates);
    } else {
      evaluation = await evaluateTarget();
    }
  } catch (err) {
    if (err instanceof BatchPendingError) {
      log.info(`Evaluation of ${input.jobName} is not scored yet: ${err.message}`);
      evaluation = skippedEvaluation(`not scored yet: ${err.message}`, input.gates);
      return { evaluation, ...provisionedNote === void 0 ? {} : { provisionedNote } };
    }
    log.warning(`Evaluation of ${input.jobName} failed: ${err.message}`);
    evaluation = {
      view: { skipped: `the evaluation failed: ${err.message}` },
      gatesFailed: input.gates.minAccuracy !== void 0 || input.gates.maxRegression !== void 0
    };
  }
  for (const g of evaluation.view.gates ?? []) {
    if (g.passed) log.info(`${g.gate}: ${g.message}`);
    else log.warning(`${g.gate}: ${g.message}`);
  }
  return { evaluation, ...provisionedNote === void 0 ? {} : { provisionedNote } };
}

// packages/usecases/src/report-job-data.ts
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
function jobBatchOptions(ctx, jobTags2, log) {
  if (ctx.batchAbove === void 0) return {};
  return {
    batch: {
      batchAbove: ctx.batchAbove,
      tags: jobTags2.filter((t) => t.key.startsWith("tunegate:") && t.key !== "tunegate:reported"),
      bedrock: ctx.bedrock,
      s3: ctx.s3,
      wait: { timeoutMs: ctx.batchWaitMs ?? 5 * 60 * 6e4 },
      log
    }
  };
}
async function baselineOf(baselineJob, bedrock, s3, notes) {
  const own = [];
  const base = await curvesOf(await getJob(bedrock, baselineJob.jobArn), s3, own);
  for (const n of own) notes.push(`Baseline ${baselineJob.jobName}: ${n}`);
  return {
    jobName: baselineJob.jobName,
    ...base.training ? { training: base.training.summary } : {},
    ...base.validation ? { validation: base.validation.summary } : {}
  };
}

// packages/usecases/src/report-series.ts
function reportsSeries(job) {
  return job.customizationType === "REINFORCEMENT_FINE_TUNING";
}
async function seriesOf(job, s3, notes) {
  if (!job.outputS3Uri) {
    notes.push("The job names no output folder, so no reward series were read.");
    return [];
  }
  try {
    const found = await readJobSeries(s3, { outputS3Uri: job.outputS3Uri, jobArn: job.jobArn });
    if (found.files.length === 0) {
      notes.push(
        `No reward or metric series (a CSV with a step column) under the job's output folder (${found.unread.length} other files there).`
      );
    }
    for (const f of found.files) {
      if (f.skippedRows > 0) notes.push(`${f.skippedRows} row(s) of ${f.uri} have no readable step.`);
      if (f.droppedColumns > 0) notes.push(`${f.droppedColumns} more column(s) of ${f.uri} are not shown.`);
    }
    if (found.unread.length > 0) {
      const shown = found.unread.slice(0, 5).join(", ");
      notes.push(
        `Not read as series: ${shown}${found.unread.length > 5 ? ` and ${found.unread.length - 5} more` : ""}.`
      );
    }
    return found.files.map((f) => ({ name: f.name, series: f.series }));
  } catch (err) {
    notes.push(
      err instanceof JobOutputError ? err.message : `Reading the job's series failed: ${err.message}`
    );
    return [];
  }
}

// packages/usecases/src/report-serving.ts
async function servingOfModel(model, baseModel, log) {
  if (!model?.training || !baseModel) return void 0;
  try {
    return await servingOfTrainingData(model.training, baseModel, nodeDatasetIo);
  } catch (err) {
    log.warning(`No serving figures for ${model.name}: ${err.message}`);
    return void 0;
  }
}

// packages/usecases/src/report.ts
var awsClients = {
  bedrock: (region) => createBedrockClient(region ? { region } : {}),
  s3: (region) => createS3Client(region ? { region } : {})
};
var tagValue = (tags, key) => tags.find((t) => t.key === key)?.value;
async function reportJobs(options) {
  const { log } = options;
  const clients = options.clients ?? awsClients;
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
  const repoTag = { key: TAG.repository, value: options.repository };
  const matched = /* @__PURE__ */ new Set();
  for (const region of regions) {
    const bedrock = clients.bedrock(region);
    const s3 = clients.s3(region);
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
          const details2 = await findJob(bedrock, id);
          if (!details2) continue;
          matched.add(id);
          const tags = await jobTags(bedrock, details2.jobArn);
          const owner = tags.find((t) => t.key === TAG.repository)?.value;
          if (owner !== options.repository) {
            result.errors.push(
              `${details2.jobName} was started for ${owner ?? "no repository (no tunegate:repository tag)"}, not ${options.repository}`
            );
            continue;
          }
          selected.push({
            jobArn: details2.jobArn,
            jobName: details2.jobName,
            status: details2.status,
            creationTime: details2.creationTime,
            tags
          });
        }
      } else {
        selected = known.filter((j) => isTerminal(j.status) && reportedStatus(j.tags) !== j.status);
        log.info(
          `${region || "default Region"}: ${known.length} job(s) of ${options.repository}, ${selected.length} to report.`
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
  const { log } = ctx;
  const job = await getJob(ctx.bedrock, listed.jobArn);
  const modelName = tagValue(listed.tags, TAG.model) ?? job.customModelName ?? job.jobName;
  const model = ctx.models.find((m) => m.name === modelName);
  const baseModel = model?.baseModel ?? (job.baseModelArn ? ctx.catalog.find(job.baseModelArn) : void 0);
  log.info(`${job.jobName} (${modelName}): ${job.status}.`);
  const metricsNotes = [];
  const rft = reportsSeries(job);
  const curves = job.status === "Completed" && !rft ? await curvesOf(job, ctx.s3, metricsNotes) : {};
  const series = job.status === "Completed" && rft ? await seriesOf(job, ctx.s3, metricsNotes) : [];
  const baselineJob = known.find(
    (k) => k.jobArn !== job.jobArn && k.status === "Completed" && tagValue(k.tags, TAG.model) === modelName && (k.creationTime?.getTime() ?? 0) < (job.creationTime?.getTime() ?? 0)
  );
  const baseline = baselineJob && job.status === "Completed" ? await baselineOf(baselineJob, ctx.bedrock, ctx.s3, metricsNotes) : void 0;
  let evaluation;
  let provisionedNote;
  let deploy;
  const evaluate = (settings, gates, resultsFile) => evaluateJob({
    modelName,
    jobName: job.jobName,
    region: ctx.region || model?.region || "",
    baseModel,
    catalog: ctx.catalog,
    settings,
    ...resultsFile ? { resultsFile } : {},
    gates,
    ...jobBatchOptions(ctx, listed.tags, (m) => log.info(m)),
    workspace: ctx.workspace,
    outputDir: ctx.outputDir,
    log: (m) => log.info(m)
  });
  if (model?.deploy && job.status === "Completed" && job.customModelArn && baseModel?.serving?.onDemand) {
    if (ctx.targetModel || ctx.baselineModel)
      log.warning(
        `${modelName} has deploy: its candidate is evaluated against production; target-model and baseline-model do not apply.`
      );
    const deployed = await deployJobModel({
      bedrock: ctx.bedrock,
      modelName,
      deploy: model.deploy,
      job: { jobName: job.jobName, jobArn: job.jobArn, customModelArn: job.customModelArn },
      baseModel,
      jobTags: listed.tags,
      evaluate: (target, baseline2, gates) => evaluate({ ...model.evaluation, target, baseline: baseline2 }, gates),
      gates: ctx.gates,
      clock: ctx.clock ?? systemClock,
      log: (m) => log.info(m)
    });
    deploy = deployed.view;
    evaluation = deployed.evaluation;
    if (evaluation?.resultsPath) result.resultsFiles.push(evaluation.resultsPath);
    if (userGateFailed(evaluation, ctx.gates)) result.gatesFailed = true;
    if (deploy.interrupted)
      result.errors.push(`${job.jobName}: the deployment step stopped: ${deploy.interrupted}`);
  } else if (ctx.evaluation.kind !== "off" && job.status === "Completed") {
    const single = ctx.completedInRun === 1;
    if (!single && (ctx.targetModel || ctx.baselineModel)) {
      log.warning(
        "target-model and baseline-model apply to one job; several completed jobs are reported, so each model's evaluation settings in tunegate.yml are used."
      );
    }
    const settings = { ...model?.evaluation };
    if (single && ctx.targetModel) settings.target = ctx.targetModel;
    if (single && ctx.baselineModel) settings.baseline = ctx.baselineModel;
    const resultsFile = ctx.evaluation.kind === "file" && single ? ctx.evaluation.path : void 0;
    const step = await evaluateStep({
      bedrock: ctx.bedrock,
      modelName,
      jobName: job.jobName,
      ...job.customModelArn ? { customModelArn: job.customModelArn } : {},
      settings,
      ...resultsFile ? { resultsFile } : {},
      ...single && ctx.provisioned ? { provisioned: ctx.provisioned } : {},
      gates: ctx.gates,
      evaluate,
      log
    });
    evaluation = step.evaluation;
    provisionedNote = step.provisionedNote;
    if (evaluation.resultsPath) result.resultsFiles.push(evaluation.resultsPath);
    if (evaluation.gatesFailed) result.gatesFailed = true;
  }
  const serving = job.status === "Completed" ? await servingOfModel(model, baseModel, log) : void 0;
  const marker = trainCommentMarker(modelName, job.jobName);
  const rendered = renderTrainingComment({
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
      ...job.baseModelArn ? { baseModelId: job.baseModelArn } : {},
      ...job.customizationType ? { customizationType: job.customizationType } : {},
      ...job.customizationConfig ? { customizationConfig: job.customizationConfig } : {}
    },
    ...curves,
    ...series.length ? { series } : {},
    ...metricsNotes.length ? { metricsNotes } : {},
    ...baseline ? { baseline } : {},
    ...evaluation ? { evaluation: evaluation.view } : {},
    ...serving ? { serving } : {},
    ...deploy ? { deploy } : {}
  });
  const body = withProvisionedNote(rendered, provisionedNote);
  result.bodies.push(body);
  if (job.status === "Failed" || job.status === "Stopped") result.jobFailed = true;
  const pr = await pullRequestOf(listed.tags, ctx);
  let commentUrl = null;
  let posted = false;
  if (pr === void 0) {
    log.warning(
      `${job.jobName}: no pull request found (no ${TAG.pullRequest} tag, and no PR for its commit); the report is in the job summary only.`
    );
  } else {
    const upsert = await ctx.comments.upsert(pr, marker, body);
    if ("reason" in upsert) log.warning(upsert.reason);
    else {
      posted = true;
      commentUrl = upsert.url;
      log.info(`${job.jobName}: comment ${upsert.action} on #${pr} (${upsert.url}).`);
    }
  }
  if (posted && !deploy?.interrupted && isTerminal(job.status) && reportedStatus(listed.tags) !== job.status) {
    const problem = await markJobReported(ctx.bedrock, job.jobArn, job.status);
    if (problem) log.warning(problem);
  }
  return { model: modelName, jobArn: job.jobArn, status: job.status, pr: pr ?? null, commentUrl };
}
async function pullRequestOf(tags, ctx) {
  const tagged = Number(tagValue(tags, TAG.pullRequest));
  if (Number.isInteger(tagged) && tagged > 0) return tagged;
  const commit = tagValue(tags, TAG.commit);
  return commit ? (await ctx.comments.pullRequestForCommit(commit))?.number : void 0;
}

// packages/usecases/src/report-models.ts
import { join as join4 } from "node:path";
async function loadReportModels(configPath, workspace, warn) {
  let parsed;
  try {
    parsed = await loadProjectConfig(configPath, workspace, { repository: workspace });
  } catch (err) {
    if (err instanceof ConfigNotFoundError) {
      warn(`${configPath} not found: jobs are reported without evaluation settings.`);
      return { models: [] };
    }
    throw err;
  }
  for (const w of parsed.warnings) warn(w.issue.message);
  const { root } = parsed.config;
  return {
    catalog: parsed.config.catalog,
    models: parsed.config.models.map((m) => ({
      name: m.name,
      baseModel: m.baseModel,
      region: m.region,
      training: join4(root, m.training),
      evaluation: {
        ...m.evaluation ? { dataset: m.evaluation, datasetRoot: root } : {},
        ...m.labels ? { labelPattern: m.labels } : {},
        storage: { bucket: m.s3.bucket, prefix: m.s3.prefix, roleArn: m.roleArn }
      },
      ...m.deploy ? { deploy: m.deploy } : {}
    }))
  };
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
  const batchAboveText = (getInput("batch-above") || "1000").trim();
  const batchAbove = batchAboveText === "never" ? void 0 : Number(batchAboveText);
  if (batchAbove !== void 0 && !(Number.isInteger(batchAbove) && batchAbove >= 0)) {
    throw new InputError(`batch-above takes a whole number of cases or "never"; got "${batchAboveText}".`);
  }
  const waitText = (getInput("batch-wait-minutes") || "300").trim();
  const waitMinutes = Number(waitText);
  if (!(Number.isFinite(waitMinutes) && waitMinutes >= 0)) {
    throw new InputError(`batch-wait-minutes takes minutes (0 or more); got "${waitText}".`);
  }
  const teardownText = (getInput("teardown") || "false").trim();
  if (teardownText !== "true" && teardownText !== "false") {
    throw new InputError(`teardown takes true or false; got "${teardownText}".`);
  }
  const inputs = {
    config: getInput("config") || "tunegate.yml",
    jobs: getInput("jobs").split(/[\s,]+/).filter((j) => j !== ""),
    token,
    evaluation,
    ...batchAbove === void 0 ? {} : { batchAbove },
    batchWaitMs: waitMinutes * 6e4
  };
  const provisioned = optional("provisioned-model");
  if (provisioned) inputs.provisioned = { identifier: provisioned, teardown: teardownText === "true" };
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

// actions/report/src/main.ts
async function act() {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = createOctokit(inputs.token, context.apiUrl);
  const log = (m) => info(m);
  const warn = (m) => warning(m);
  const logPort = { info: log, warning: warn, error: (m) => error(m) };
  const comments = pullRequestComments(octokit, context.owner, context.repo);
  if (inputs.fromReport) {
    const posted = await postFromReport({ path: inputs.fromReport, run: context, comments, log: logPort });
    setOutput("reported", JSON.stringify([]));
    setOutput("failed", "false");
    setOutput("eval-results", "[]");
    await summary.addRaw(`tunegate posted the validation report to #${posted.pr} (${posted.action}).`, true).write();
    return;
  }
  const { models, catalog } = await loadReportModels(inputs.config, context.workspace, warn);
  const result = await reportJobs({
    repository: context.repository,
    workspace: context.workspace,
    outputDir: context.tempDir,
    comments,
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
    ...inputs.provisioned ? { provisioned: inputs.provisioned } : {},
    ...inputs.batchAbove === void 0 ? {} : { batchAbove: inputs.batchAbove },
    batchWaitMs: inputs.batchWaitMs,
    ...process.env.AWS_REGION ? { defaultRegion: process.env.AWS_REGION } : {},
    log: logPort
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
