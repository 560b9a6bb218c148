import { CatalogError, lifecycleAdvice, lifecycleWarning } from "../catalog/catalog";
import type { BaseModel } from "../catalog/schema";
import { MAX_TAGS_PER_RESOURCE } from "../jobs/constraints";
import { TAG } from "../jobs/plan";
import { posixBasename, resolvePosixPath } from "../posix-path";
import type { SeverityOverride } from "../problem";
import type { ConfiguredCatalog } from "./catalog-additions";
import { checkCustomizationType, resolveCustomization } from "./customization-resolve";
import { resolveDeploy } from "./deploy";
import { apiString, checkHyperparameter, effectiveValues, unsetUnconfirmed } from "./hyperparameters";
import type { Reporter } from "./issue-reporter";
import { formatConfigPath, type IssueTarget, type PathSegment } from "./issues";
import { isPlain, mergeLayers, type Plain } from "./merge-layers";
import { normalizeDatasetPath } from "./schema";
import type { ParseConfigOptions, ResolvedModel } from "./types";
import { valueAt } from "./zod-issues";

/**
 * One model of the file with its defaults merged in, checked against the catalog: required fields, base
 * model, Region, lifecycle, hyperparameters, datasets, tags and S3 URI lengths.
 */

/** Tags tunegate puts on every job and custom model at most (see `planJob`). */
const TUNEGATE_TAG_COUNT = Object.keys(TAG).length;
/** Longest key tunegate writes under `<prefix><model>/`: `<sha256>/validation.jsonl`. */
const LONGEST_KEY_TAIL = 64 + "/validation.jsonl".length;
const MAX_S3_URI = 1024;

// ---------------------------------------------------------------------------------------------------
// Models

export interface ModelInput {
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

export function resolveModel(input: ModelInput): ResolvedModel | undefined {
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
    // The customization asked for (fine-tuning by default) must be one the catalog entry lists.
    const say = (sub: PathSegment[], target: IssueTarget, message: string, hint?: string) =>
      report.error(origin(sub), target, message, hint, name);
    if (base && clean(["customization"]) && !checkCustomizationType(merged, base, say)) base = undefined;
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

  // RFT's grader and typed hyperparameters, or distillation's teacher (customization-resolve.ts).
  const customization = resolveCustomization({
    merged,
    base,
    region,
    clean,
    error: (sub, target, message, hint) =>
      report.error(target === "missing" ? [...modelPath, ...sub] : origin(sub), target, message, hint, name),
  });
  if (!customization.ok) ok = false;
  const supervised = customization.kind === "fine-tuning";

  // Hyperparameters: names and ranges of the base model (supervised jobs; the others are refused above).
  const hyperparameters = isPlain(merged.hyperparameters) && supervised ? merged.hyperparameters : {};
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
  const unset = base && supervised ? unsetUnconfirmed(base, configured) : [];
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
    const outside = input.outsideRepository?.(resolvePosixPath(input.root, datasets[role]));
    if (outside) {
      error(
        [role],
        `${datasets[role]} ${outside}, so it is not read`,
        "commit the dataset itself inside the repository, not a link to a file elsewhere.",
      );
      ok = false;
    }
  }
  // Nova 2 Lite's "no validation set" is for supervised jobs; RFT takes one (AWS's RFT sample data has one).
  if (datasets.validation !== undefined && base?.validationData?.supported === false && supervised) {
    error(
      ["validation"],
      `${base.name} takes no validation file in a fine-tuning job (${base.validationData.source})`,
      "remove validation: from the model; hold the records out as an evaluation set (evaluation:) instead.",
    );
    ok = false;
  }
  if (input.datasetProblem) {
    for (const [role, path] of Object.entries(datasets) as [keyof typeof datasets, string][]) {
      const problem = input.datasetProblem(resolvePosixPath(input.root, path));
      if (problem === undefined) continue;
      error(
        [role],
        `${path}: ${problem}; dataset paths are relative to the folder of ${posixBasename(input.file)} (${input.root})`,
        `check the path, written from ${posixBasename(input.file)}'s folder (not the current directory), and that the file is committed.`,
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

  const deploy =
    base && merged.deploy !== undefined && clean(["deploy"])
      ? resolveDeploy(merged.deploy, base, error)
      : undefined;
  if (merged.deploy !== undefined && !deploy) ok = false;

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
    ...(customization.job ? { customization: customization.job } : {}),
    ...(deploy ? { deploy } : {}),
  };
  return resolved;
}

/** "" stays ""; any other prefix ends in "/", so `<prefix><model>/` is always a separate segment. */
function normalizePrefix(prefix: string): string {
  return prefix === "" || prefix.endsWith("/") ? prefix : `${prefix}/`;
}
