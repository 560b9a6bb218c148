import { basename, dirname, resolve as resolvePath } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import {
  type Catalog,
  CatalogError,
  lifecycleAdvice,
  lifecycleWarning,
  resolveCatalog,
} from "../catalog/catalog";
import { BUILT_IN_MODELS } from "../catalog/models";
import type { BaseModel, CatalogAddition } from "../catalog/schema";
import { MAX_TAGS_PER_RESOURCE } from "../jobs/constraints";
import { TAG } from "../jobs/plan";
import type { SeverityOverride } from "../problem";
import { apiString, checkHyperparameter, effectiveValues, unsetUnconfirmed } from "./hyperparameters";
import {
  ConfigError,
  type ConfigIssue,
  compareIssues,
  formatConfigPath,
  type IssueTarget,
  Locator,
  type PathSegment,
} from "./issues";
import { configFileSchema, MODEL_NAME_PATTERN, normalizeDatasetPath } from "./schema";
import { closest } from "./suggest";
import type { ParseConfigOptions, ParsedConfig, ResolvedModel } from "./types";
import { configErrorMap, convertZodIssues, valueAt } from "./zod-issues";

/** Tags tunegate puts on every job and custom model at most (see `planJob`). */
const TUNEGATE_TAG_COUNT = Object.keys(TAG).length;
/** Longest key tunegate writes under `<prefix><model>/`: `<sha256>/validation.jsonl`. */
const LONGEST_KEY_TAIL = 64 + "/validation.jsonl".length;
const MAX_S3_URI = 1024;

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads tunegate.yml text into the resolved configuration, or throws a ConfigError that lists every
 * problem with its line and column. Stages: YAML syntax (stop there: positions after a syntax error are
 * guesses), the schema (types, patterns, unknown keys), the catalog additions, then each model with its
 * defaults merged in (required fields, base model, Region, hyperparameter names and ranges, tags).
 * Later stages skip values an earlier stage already reported, so one mistake gives one message.
 */
export function parseConfig(text: string, options: ParseConfigOptions): ParsedConfig {
  const file = options.path;
  const lines = new LineCounter();
  // Duplicate keys are found by the locator in one pass (YAML's own check is quadratic in a mapping's size).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const locator = new Locator(doc, lines);
  const fromYaml = (e: { message: string; pos: [number, number]; code: string }): ConfigIssue => ({
    message: e.code === "DUPLICATE_KEY" ? "duplicate key: each key may appear once in a mapping" : e.message,
    path: "",
    ...locator.position(e.pos[0]),
  });
  const duplicates = locator.duplicateKeys().map((offset) => ({
    message: "duplicate key: each key may appear once in a mapping",
    path: "",
    ...locator.position(offset),
  }));
  if (doc.errors.length > 0 || duplicates.length > 0) {
    throw new ConfigError(file, [...doc.errors.map(fromYaml), ...duplicates].sort(compareIssues));
  }
  const report = new Reporter(locator);
  for (const w of doc.warnings) report.warningAt(fromYaml(w));

  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // The yaml library caps alias expansion (100 by default): an alias bomb stops here, not in memory.
    throw new ConfigError(file, [{ message: (err as Error).message, path: "", line: 1, column: 1 }]);
  }
  if (raw === null || raw === undefined) {
    throw new ConfigError(file, [
      {
        message: "the file is empty",
        path: "",
        line: 1,
        column: 1,
        hint: "start with `version: 1` and declare the models to fine-tune under `models:`.",
      },
    ]);
  }

  const parsed = configFileSchema.safeParse(raw, { error: configErrorMap });
  const dirty: PathSegment[][] = [];
  if (!parsed.success) {
    for (const issue of convertZodIssues(parsed.error.issues, raw, configFileSchema, locator))
      report.add(issue);
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
      // An unknown key taints only itself, not the mapping that holds it.
      if (issue.code === "unrecognized_keys") for (const key of issue.keys) dirty.push([...path, key]);
      else dirty.push(path);
    }
  }
  for (const { path, written, read } of locator.retypedKeys()) {
    report.error(
      path,
      "key",
      `YAML reads the key ${written} as ${read}`,
      `quote it ("${written}") to keep it as written.`,
    );
    dirty.push(path);
  }
  const isClean = (path: readonly PathSegment[]) => !dirty.some((d) => overlaps(d, path));
  /** A problem at this path or above it (a name YAML retyped, a model that is not a mapping). */
  const taintedAt = (path: readonly PathSegment[]) =>
    dirty.some((d) => d.length <= path.length && overlaps(d, path));

  const top = isPlain(raw) ? raw : {};
  const catalog = catalogOf(top.catalog, isClean, report);
  const defaults = isPlain(top.defaults) ? top.defaults : {};
  const models: ResolvedModel[] = [];
  const lifecycleWarned = new Set<string>();
  const root = options.root ?? dirname(resolvePath(file));
  if (isPlain(top.models)) {
    for (const [name, layer] of Object.entries(top.models)) {
      if (!MODEL_NAME_PATTERN.test(name) || !isPlain(layer) || taintedAt(["models", name])) continue;
      const resolved = resolveModel({
        name,
        layer,
        defaults,
        raw,
        catalog,
        isClean,
        report,
        today: options.today,
        root,
        outsideRepository: options.outsideRepository,
        lifecycleWarned,
        file,
        datasetProblem: options.datasetProblem,
      });
      if (resolved) models.push(resolved);
    }
  }

  const errors = report.errors();
  if (errors.length > 0) throw new ConfigError(file, errors);
  return { config: { path: file, root, catalog: catalog.catalog, models }, warnings: report.warnings() };
}

/** Whether one path is the other or inside it. */
function overlaps(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------

/**
 * Collects issues, merging the ones a `defaults:` value causes in several models into one that names
 * them all, and sorts them in file order.
 */
class Reporter {
  readonly #errors = new Map<string, { issue: ConfigIssue; models: string[] }>();
  readonly #warnings = new Map<string, { issue: ConfigIssue; models: string[] }>();

  constructor(private readonly locator: Locator) {}

  add(issue: ConfigIssue): void {
    this.#put(this.#errors, issue);
  }

  warningAt(issue: ConfigIssue): void {
    this.#put(this.#warnings, issue);
  }

  error(path: PathSegment[], target: IssueTarget, message: string, hint?: string, model?: string): void {
    this.#put(
      this.#errors,
      this.#issue(path, target, message, hint),
      path[0] === "defaults" ? model : undefined,
    );
  }

  warning(
    path: PathSegment[],
    target: IssueTarget,
    message: string,
    hint?: string,
    model?: string,
    topic?: ConfigIssue["topic"],
  ): void {
    const issue = this.#issue(path, target, message, hint);
    this.#put(
      this.#warnings,
      topic === undefined ? issue : { ...issue, topic },
      path[0] === "defaults" ? model : undefined,
    );
  }

  errors(): ConfigIssue[] {
    return this.#list(this.#errors);
  }

  warnings(): ConfigIssue[] {
    return this.#list(this.#warnings);
  }

  #issue(path: PathSegment[], target: IssueTarget, message: string, hint?: string): ConfigIssue {
    return {
      message,
      path: formatConfigPath(path),
      ...this.locator.locate(path, target),
      ...(hint ? { hint } : {}),
    };
  }

  #put(map: Map<string, { issue: ConfigIssue; models: string[] }>, issue: ConfigIssue, model?: string): void {
    const key = `${issue.path}\u0000${issue.message}`;
    const entry = map.get(key) ?? { issue, models: [] };
    if (model !== undefined && !entry.models.includes(model)) entry.models.push(model);
    map.set(key, entry);
  }

  #list(map: Map<string, { issue: ConfigIssue; models: string[] }>): ConfigIssue[] {
    return [...map.values()]
      .map(({ issue, models }) =>
        models.length === 0
          ? issue
          : {
              ...issue,
              message: `${issue.message} (set in defaults; applies to model${models.length > 1 ? "s" : ""} ${models.map((m) => `"${m}"`).join(", ")})`,
            },
      )
      .sort(compareIssues);
  }
}

// ---------------------------------------------------------------------------------------------------
// Catalog additions

interface ConfiguredCatalog {
  catalog: Catalog;
  /** Ids of additions that failed: models using them are not checked further (one message is enough). */
  failed: Set<string>;
  /** Ids the file added or changed, so messages can say a range comes from this file. */
  configured: Set<string>;
}

/**
 * Applies the file's catalog additions one by one, so that every broken entry is reported (the catalog
 * itself stops at the first) and the good ones still serve the models.
 */
function catalogOf(
  rawCatalog: unknown,
  isClean: (path: PathSegment[]) => boolean,
  report: Reporter,
): ConfiguredCatalog {
  const entries = Array.isArray(rawCatalog) ? rawCatalog : [];
  const good: CatalogAddition[] = [];
  const known = new Set(BUILT_IN_MODELS.map((m) => m.id));
  const failed = new Set<string>();
  const configured = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    const id = isPlain(entry) && typeof entry.id === "string" ? entry.id : undefined;
    if (!isPlain(entry) || id === undefined || !isClean(["catalog", i])) {
      if (id !== undefined) failed.add(id);
      continue;
    }
    const parent = entry.extends;
    if (typeof parent === "string" && !known.has(parent)) {
      const near = closest(parent, known);
      report.error(
        ["catalog", i, "extends"],
        "value",
        `"${parent}" is not in the catalog, so "${id}" cannot extend it`,
        near
          ? `did you mean "${near}"? (entries extend built-in ids or ids added above them)`
          : `known ids: ${[...known].join(", ")}.`,
      );
      failed.add(id);
      continue;
    }
    try {
      resolveCatalog([...good, entry as CatalogAddition]);
    } catch (err) {
      if (!(err instanceof CatalogError)) throw err;
      report.error(
        ["catalog", i],
        "value",
        err.message,
        parent === undefined && !known.has(id)
          ? `a new id needs a complete entry; or add "extends: <id>" to start from a known entry.`
          : undefined,
      );
      failed.add(id);
      continue;
    }
    good.push(entry as CatalogAddition);
    known.add(id);
    configured.add(id);
  }
  return { catalog: resolveCatalog(good), failed, configured };
}

// ---------------------------------------------------------------------------------------------------
// Models

interface ModelInput {
  name: string;
  layer: Plain;
  defaults: Plain;
  raw: unknown;
  catalog: ConfiguredCatalog;
  isClean: (path: PathSegment[]) => boolean;
  report: Reporter;
  today: Date | undefined;
  /** Directory dataset paths are relative to, how the file is named to say so, and the checkout they must stay in (unchecked if absent). */
  root: string;
  file: string;
  outsideRepository: ParseConfigOptions["outsideRepository"];
  datasetProblem: ParseConfigOptions["datasetProblem"];
  /** Base models (id and Region) whose lifecycle warning this file already has: one per run. */
  lifecycleWarned: Set<string>;
}

/** Settings a model replaces as a whole: half of one VPC and half of another is no VPC at all. */
const REPLACED_WHOLE = new Set(["vpc"]);

/**
 * `defaults` with the model's settings over them: mappings merge key by key (s3, tags, severities,
 * hyperparameters), lists and values replace, and a null in the model removes what defaults set.
 */
export function mergeLayers(defaults: Plain, model: Plain): Plain {
  const out = deepMerge(defaults, model) as Plain;
  for (const key of REPLACED_WHOLE) {
    if (Object.hasOwn(model, key)) {
      if (model[key] === null) delete out[key];
      else out[key] = model[key];
    }
  }
  return out;
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlain(base) || !isPlain(patch)) return patch;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = Object.hasOwn(base, key) ? deepMerge(base[key], value) : value;
  }
  return out;
}

const REQUIRED: readonly { path: PathSegment[]; hint: string }[] = [
  {
    path: ["baseModel"],
    hint: "set baseModel (e.g. anthropic.claude-3-haiku-20240307-v1:0:200k) in the model or under defaults:.",
  },
  {
    path: ["training"],
    hint: "set training to the training dataset, e.g. training: datasets/<model>/train.jsonl.",
  },
  { path: ["s3", "bucket"], hint: "set s3: { bucket: <bucket name> } in the model or under defaults:." },
  {
    path: ["roleArn"],
    hint: "set roleArn to the service role Bedrock assumes, in the model or under defaults:.",
  },
];

function resolveModel(input: ModelInput): ResolvedModel | undefined {
  const { name, layer, defaults, raw, catalog, isClean, report } = input;
  const merged = mergeLayers(defaults, layer);
  const modelPath: PathSegment[] = ["models", name];
  /** Where a setting of this model is written: in the model, else in defaults, else (missing) the model. */
  const origin = (sub: PathSegment[]): PathSegment[] => {
    if (valueAt(raw, [...modelPath, ...sub]).exists) return [...modelPath, ...sub];
    if (valueAt(raw, ["defaults", ...sub]).exists) return ["defaults", ...sub];
    return [...modelPath, ...sub];
  };
  const clean = (sub: PathSegment[]) => isClean(origin(sub));
  const error = (sub: PathSegment[], message: string, hint?: string) =>
    report.error(origin(sub), "value", message, hint, name);
  let ok = true;

  for (const { path, hint } of REQUIRED) {
    if (valueAt(merged, path).value === undefined && clean(path)) {
      report.error(
        [...modelPath, ...path],
        "missing",
        `model "${name}" has no ${formatConfigPath(path)}`,
        hint,
      );
      ok = false;
    }
  }

  // Base model: the catalog's own message says why an id is unknown (Sonnet, Opus, inference ids).
  let base: BaseModel | undefined;
  const baseId = merged.baseModel;
  if (typeof baseId === "string" && clean(["baseModel"]) && !catalog.failed.has(baseId)) {
    try {
      base = catalog.catalog.get(baseId);
    } catch (err) {
      if (!(err instanceof CatalogError)) throw err;
      error(["baseModel"], err.message);
    }
    if (base && !base.customizationTypes.includes("FINE_TUNING")) {
      error(
        ["baseModel"],
        `${base.name} (${base.id}) does not support fine-tuning; its customization types are ${base.customizationTypes.join(", ")}`,
      );
      base = undefined;
    }
  }
  if (!base) ok = false;

  // Region: required unless the base model has only one.
  let region = typeof merged.region === "string" ? merged.region : undefined;
  if (base) {
    if (region === undefined) {
      if (!clean(["region"])) ok = false;
      else if (base.regions.length === 1) region = base.regions[0];
      else {
        report.error(
          [...modelPath, "region"],
          "missing",
          `model "${name}" has no region, and ${base.name} can be fine-tuned in several: ${base.regions.join(", ")}`,
          "set region in the model or under defaults:.",
        );
        ok = false;
      }
    } else if (clean(["region"]) && !base.regions.includes(region)) {
      error(
        ["region"],
        `${region} is not a Region where ${base.name} can be fine-tuned; it can in: ${base.regions.join(", ")}`,
        `set region: ${base.regions[0]}. If AWS has enabled ${region} for your account, list it in the model's entry under "catalog:" (it may extend ${base.id}).`,
      );
      ok = false;
    }
  }

  // Lifecycle: in the model's Region, with what to do next.
  if (base) {
    const warning = lifecycleWarning(base, input.today, region);
    const key = `${base.id}\u0000${region ?? ""}`;
    if (warning && !input.lifecycleWarned.has(key)) {
      input.lifecycleWarned.add(key);
      report.warning(
        origin(["baseModel"]),
        "value",
        warning,
        lifecycleAdvice(base, catalog.catalog),
        name,
        "lifecycle",
      );
    }
  }

  // Hyperparameters: names and ranges of the base model.
  const hyperparameters = isPlain(merged.hyperparameters) ? merged.hyperparameters : {};
  const configured: Record<string, number | string> = {};
  for (const [hp, value] of Object.entries(hyperparameters)) {
    if (typeof value !== "number" && typeof value !== "string") continue;
    if (!clean(["hyperparameters", hp])) {
      ok = false;
      continue;
    }
    configured[hp] = value;
    if (!base) continue;
    const problem = checkHyperparameter(base, hp, value, catalog.configured.has(base.id));
    if (problem?.unconfirmed) {
      report.warning(origin(["hyperparameters", hp]), problem.target, problem.message, problem.hint, name);
    } else if (problem) {
      report.error(origin(["hyperparameters", hp]), problem.target, problem.message, problem.hint, name);
      ok = false;
    }
  }
  const unset = base ? unsetUnconfirmed(base, configured) : [];
  if (base && unset.length > 0) {
    const names = unset.map((h) => h.name);
    const epochs = unset.find((h) => h.name === "epochCount");
    report.warning(
      origin(["baseModel"]),
      "value",
      `AWS publishes no default for ${base.name}'s ${names.join(", ")}: tunegate sends none of them, so the job runs with the service's own defaults${epochs ? `, and cost estimates assume epochCount ${epochs.default}` : ""}`,
      `set ${names.map((n) => `hyperparameters.${n}`).join(", ")} in the model (${unset[0]!.unconfirmed}).`,
      name,
    );
  }

  // Datasets: the held-out and validation sets must not be the training file.
  const datasets: Partial<Record<"training" | "validation" | "evaluation", string>> = {};
  for (const role of ["training", "validation", "evaluation"] as const) {
    const value = merged[role];
    if (typeof value !== "string" || !clean([role])) continue;
    datasets[role] = normalizeDatasetPath(value);
    const outside = input.outsideRepository?.(resolvePath(input.root, datasets[role]));
    if (outside) {
      error(
        [role],
        `${datasets[role]} ${outside}, so it is not read`,
        "commit the dataset itself inside the repository, not a link to a file elsewhere.",
      );
      ok = false;
    }
  }
  if (datasets.validation !== undefined && base?.validationData?.supported === false) {
    error(
      ["validation"],
      `${base.name} takes no validation file in a fine-tuning job (${base.validationData.source})`,
      "remove validation: from the model; hold the records out as an evaluation set (evaluation:) instead.",
    );
    ok = false;
  }
  if (input.datasetProblem) {
    for (const [role, path] of Object.entries(datasets) as [keyof typeof datasets, string][]) {
      const problem = input.datasetProblem(resolvePath(input.root, path));
      if (problem === undefined) continue;
      error(
        [role],
        `${path}: ${problem}; dataset paths are relative to the folder of ${basename(input.file)} (${input.root})`,
        `check the path, written from ${basename(input.file)}'s folder (not the current directory), and that the file is committed.`,
      );
      ok = false;
    }
  }
  if (datasets.validation !== undefined && datasets.validation === datasets.training) {
    error(["validation"], "is the training file; a validation set must be held out from training");
    ok = false;
  }
  if (datasets.evaluation !== undefined) {
    const same =
      datasets.evaluation === datasets.training
        ? "training"
        : datasets.evaluation === datasets.validation
          ? "validation"
          : undefined;
    if (same) {
      error(
        ["evaluation"],
        `is the ${same} file; an evaluation set must be held out from training and validation`,
      );
      ok = false;
    }
  }

  // Tags: the user's plus tunegate's must fit on one resource.
  const tags = isPlain(merged.tags) ? merged.tags : {};
  const tagCount = Object.keys(tags).length;
  if (tagCount + TUNEGATE_TAG_COUNT > MAX_TAGS_PER_RESOURCE) {
    error(
      ["tags"],
      `${tagCount} tags plus the ${TUNEGATE_TAG_COUNT} tunegate adds exceed the ${MAX_TAGS_PER_RESOURCE} Bedrock keeps on a resource`,
      `remove at least ${tagCount + TUNEGATE_TAG_COUNT - MAX_TAGS_PER_RESOURCE} (at most ${MAX_TAGS_PER_RESOURCE - TUNEGATE_TAG_COUNT} of your own).`,
    );
    ok = false;
  }

  // S3: every URI tunegate builds must fit Bedrock's 1024 characters.
  const s3 = isPlain(merged.s3) ? merged.s3 : {};
  const bucket = typeof s3.bucket === "string" ? s3.bucket : undefined;
  const prefix = normalizePrefix(typeof s3.prefix === "string" ? s3.prefix : "");
  if (bucket !== undefined && clean(["s3"])) {
    const longest = `s3://${bucket}/${prefix}${name}/${"0".repeat(LONGEST_KEY_TAIL)}`.length;
    if (longest > MAX_S3_URI) {
      error(
        ["s3", "prefix"],
        `S3 URIs under this prefix would be ${longest} characters long; Bedrock accepts at most ${MAX_S3_URI}`,
        "shorten the prefix.",
      );
      ok = false;
    }
  }

  // Build only from values the schema accepted; with any problem the file is rejected anyway.
  if (!ok || !isClean(modelPath) || !isClean(["defaults"])) return undefined;
  if (!base || region === undefined || datasets.training === undefined || bucket === undefined)
    return undefined;
  const roleArn = merged.roleArn;
  if (typeof roleArn !== "string") return undefined;

  const vpc = isPlain(merged.vpc) ? merged.vpc : undefined;
  const resolved: ResolvedModel = {
    name,
    baseModel: base,
    region,
    training: datasets.training,
    ...(datasets.validation === undefined ? {} : { validation: datasets.validation }),
    ...(datasets.evaluation === undefined ? {} : { evaluation: datasets.evaluation }),
    ...(typeof merged.labels === "string" ? { labels: merged.labels } : {}),
    hyperparameters: Object.fromEntries(Object.entries(configured).map(([k, v]) => [k, apiString(v)])),
    hyperparameterValues: effectiveValues(base, configured),
    severities: {
      ...(isPlain(merged.severities) ? (merged.severities as Record<string, SeverityOverride>) : {}),
    },
    s3: {
      bucket,
      prefix,
      ...(typeof s3.kmsKeyId === "string" ? { kmsKeyId: s3.kmsKeyId } : {}),
    },
    roleArn,
    tags: Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)])),
    ...(vpc
      ? {
          vpc: {
            subnetIds: [...(vpc.subnetIds as string[])],
            securityGroupIds: [...(vpc.securityGroupIds as string[])],
          },
        }
      : {}),
    ...(typeof merged.customModelKmsKeyId === "string"
      ? { customModelKmsKeyId: merged.customModelKmsKeyId }
      : {}),
    ...(merged.allowLegacyBase === true ? { allowLegacyBase: true } : {}),
  };
  return resolved;
}

/** "" stays ""; any other prefix ends in "/", so `<prefix><model>/` is always a separate segment. */
function normalizePrefix(prefix: string): string {
  return prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
}
