import type { BaseModel } from "../catalog/schema";
import type { DatasetRole } from "../dataset/validate";
import { UserError } from "../user-error";
import {
  type CreateJobRequest,
  checkCreateJobRequest,
  type JobTag,
  type RequestProblem,
} from "./constraints";
import {
  checkCustomizationConfig,
  customizationConfig,
  customizationTypeOf,
  type JobCustomization,
} from "./customization";
import { jobNames, keyFragment, trainingKey } from "./names";
import { datasetKey, s3Uri } from "./s3-layout";

/**
 * What planning needs of a configured model. `ResolvedModel` from the config loader has these fields;
 * the type is spelled out here so job planning stays a pure function of plain data.
 */
export interface PlannableModel {
  /** The model's name in tunegate.yml: one S3 key segment, and the `tunegate:model` tag. */
  name: string;
  baseModel: BaseModel;
  region: string;
  /** Only what the user set, as the API strings. Defaults are the service's. */
  hyperparameters: Readonly<Record<string, string>>;
  s3: { bucket: string; prefix: string; kmsKeyId?: string | undefined };
  roleArn: string;
  /** The user's own tags, put on the job and on the custom model. */
  tags?: Readonly<Record<string, string>> | undefined;
  vpc?: { subnetIds: readonly string[]; securityGroupIds: readonly string[] } | undefined;
  /** KMS key for the custom model's weights (customModelKmsKeyId). */
  customModelKmsKeyId?: string | undefined;
  /** Start a job even on a base Bedrock reports as legacy or end-of-life (tunegate.yml allowLegacyBase). */
  allowLegacyBase?: boolean | undefined;
  /** Reinforcement fine-tuning or distillation; absent: supervised fine-tuning. */
  customization?: JobCustomization | undefined;
}

export interface DatasetDigest {
  /** Lowercase hex SHA-256 of the file. */
  sha256: string;
  bytes: number;
}

export interface PlanJobInput {
  model: PlannableModel;
  datasets: { train: DatasetDigest; validation?: DatasetDigest | undefined };
  /** The commit the data comes from (hex SHA). */
  commit: string;
  /** `owner/name`. */
  repository: string;
  /** The pull request that merged the data, when known. */
  pullRequest?: number | undefined;
  /** 1 unless an earlier job of the same training failed or was stopped (see `decideFromExisting`). */
  attempt?: number | undefined;
}

export interface PlannedUpload {
  role: DatasetRole;
  bucket: string;
  key: string;
  uri: string;
  sha256: string;
  bytes: number;
  kmsKeyId?: string | undefined;
}

export interface JobPlan {
  model: string;
  region: string;
  baseModel: BaseModel;
  /** Digest of what determines the trained model; see `trainingKey`. */
  trainingKey: string;
  /** What every job name of this training contains: search the job list for it. */
  nameFragment: string;
  attempt: number;
  commit: string;
  /** The hyperparameters in effect: the catalog's defaults with the configured values over them. */
  effectiveHyperparameters: Record<string, string>;
  uploads: PlannedUpload[];
  request: CreateJobRequest;
}

export class JobPlanError extends UserError {
  override name = "JobPlanError";
  constructor(
    readonly model: string,
    readonly problems: RequestProblem[],
  ) {
    super(
      `The training job for model "${model}" cannot be requested:\n${problems
        .map((p) => `  - ${p.field}: ${p.message}`)
        .join("\n")}`,
    );
  }
}

/** Tag keys tunegate writes itself; a user tag may not use the prefix. */
export const TAG = {
  repository: "tunegate:repository",
  commit: "tunegate:commit",
  pullRequest: "tunegate:pull-request",
  model: "tunegate:model",
  datasetSha256: "tunegate:dataset-sha256",
  validationSha256: "tunegate:validation-sha256",
  trainingKey: "tunegate:training-key",
} as const;
const TAG_PREFIX = "tunegate:";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The exact CreateModelCustomizationJob request for one model's datasets at one commit, and the uploads
 * it needs. Pure: the same input always gives the same plan. Every problem is collected and thrown at
 * once as a JobPlanError (Region, hyperparameters, tags, and each field's Smithy constraints), so a
 * request that leaves here is one the service's input validation accepts.
 */
export function planJob(input: PlanJobInput): JobPlan {
  const { model, datasets, commit, repository, pullRequest } = input;
  const attempt = input.attempt ?? 1;
  const base = model.baseModel;
  const problems: RequestProblem[] = [];
  const say = (field: string, message: string) => problems.push({ field, message });

  if (!base.regions.includes(model.region)) {
    say(
      "region",
      `${base.name} (${base.id}) can be customized in ${base.regions.join(", ")}, not in ${model.region}. ` +
        `Set the model's region to ${base.regions.length === 1 ? base.regions[0] : `one of ${base.regions.join(", ")}`} (the bucket must be in that Region too).`,
    );
  }
  const customizationType = customizationTypeOf(model.customization);
  if (!base.customizationTypes.includes(customizationType)) {
    say(
      "customizationType",
      `${base.name} does not support ${customizationType} (${base.customizationTypes.join(", ")}).`,
    );
  }
  const customization = model.customization ? customizationConfig(model.customization) : undefined;
  if (customization) {
    problems.push(...checkCustomizationConfig(customization));
    // The supervised string map has no place in these jobs: RFT's numbers are in rftConfig.
    for (const name of Object.keys(model.hyperparameters)) {
      say(
        `hyperParameters.${name}`,
        `is not sent with a ${customizationType} job; it takes no hyperParameters map.`,
      );
    }
  }
  for (const [role, digest] of Object.entries(datasets) as [DatasetRole, DatasetDigest | undefined][]) {
    if (digest === undefined) continue;
    if (!SHA256_HEX.test(digest.sha256))
      say(`datasets.${role}.sha256`, "must be 64 lowercase hex characters.");
    if (!Number.isSafeInteger(digest.bytes) || digest.bytes <= 0) {
      say(`datasets.${role}.bytes`, `must be a positive integer; the file has ${digest.bytes} bytes.`);
    }
  }
  if (!/^[0-9a-f]{7,64}$/.test(commit)) say("commit", `${JSON.stringify(commit)} is not a commit SHA.`);
  if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(repository)) {
    say("repository", `${JSON.stringify(repository)} is not owner/name.`);
  }
  if (pullRequest !== undefined && (!Number.isSafeInteger(pullRequest) || pullRequest < 1)) {
    say("pullRequest", `${pullRequest} is not a pull request number.`);
  }
  if (model.name === "" || model.name.includes("/")) {
    say("model", `${JSON.stringify(model.name)} must be one non-empty S3 key segment (no "/").`);
  }
  const effective = model.customization
    ? customizationHyperparameters(model.customization)
    : effectiveHyperparameters(base, model.hyperparameters, say);
  if (problems.length > 0) throw new JobPlanError(model.name, problems);

  const key = trainingKey({
    model: model.name,
    baseModelId: base.id,
    region: model.region,
    customizationType,
    ...(customization ? { customizationConfig: customization } : {}),
    trainingSha256: datasets.train.sha256,
    validationSha256: datasets.validation?.sha256,
    hyperparameters: effective,
  });
  let names: ReturnType<typeof jobNames>;
  try {
    names = jobNames({ model: model.name, commit, trainingKey: key, attempt });
  } catch (err) {
    throw new JobPlanError(model.name, [{ field: "attempt", message: (err as Error).message }]);
  }

  const { bucket, prefix, kmsKeyId } = model.s3;
  const uploads: PlannedUpload[] = [];
  for (const role of ["train", "validation"] as const) {
    const digest = datasets[role];
    if (!digest) continue;
    const objectKey = datasetKey({ prefix, model: model.name, sha256: digest.sha256, role });
    uploads.push({
      role,
      bucket,
      key: objectKey,
      uri: s3Uri(bucket, objectKey),
      sha256: digest.sha256,
      bytes: digest.bytes,
      ...(kmsKeyId ? { kmsKeyId } : {}),
    });
  }
  const training = uploads.find((u) => u.role === "train")!;
  const validation = uploads.find((u) => u.role === "validation");

  const ours: JobTag[] = [
    { key: TAG.repository, value: repository },
    { key: TAG.commit, value: commit },
    ...(pullRequest === undefined ? [] : [{ key: TAG.pullRequest, value: String(pullRequest) }]),
    { key: TAG.model, value: tagValue(model.name) },
    { key: TAG.datasetSha256, value: datasets.train.sha256 },
    ...(datasets.validation ? [{ key: TAG.validationSha256, value: datasets.validation.sha256 }] : []),
    { key: TAG.trainingKey, value: key },
  ];
  const userTags = Object.entries(model.tags ?? {}).map(([k, value]) => ({ key: k, value }));
  for (const [i, tag] of userTags.entries()) {
    if (tag.key.toLowerCase().startsWith(TAG_PREFIX)) {
      problems.push({
        field: `tags[${i}].key`,
        message: `"${tag.key}": the ${TAG_PREFIX} prefix is tunegate's own.`,
      });
    }
  }
  // The user's tags first, in their order, then tunegate's: a stable order keeps the request identical.
  const tags = [...userTags, ...ours];

  const request: CreateJobRequest = {
    jobName: names.jobName,
    customModelName: names.customModelName,
    roleArn: model.roleArn,
    clientRequestToken: names.clientRequestToken,
    baseModelIdentifier: base.id,
    customizationType,
    ...(customization ? { customizationConfig: customization } : {}),
    ...(model.customModelKmsKeyId ? { customModelKmsKeyId: model.customModelKmsKeyId } : {}),
    jobTags: tags.map((t) => ({ ...t })),
    customModelTags: tags.map((t) => ({ ...t })),
    trainingDataConfig: { s3Uri: training.uri },
    ...(validation ? { validationDataConfig: { validators: [{ s3Uri: validation.uri }] } } : {}),
    outputDataConfig: { s3Uri: `s3://${bucket}/${prefix}${model.name}/output/` },
    // Supervised jobs only: RFT sends typed numbers inside customizationConfig, distillation none.
    ...(customization ? {} : { hyperParameters: { ...model.hyperparameters } }),
    ...(model.vpc
      ? {
          vpcConfig: {
            subnetIds: [...model.vpc.subnetIds],
            securityGroupIds: [...model.vpc.securityGroupIds],
          },
        }
      : {}),
  };
  problems.push(...checkCreateJobRequest(request));
  if (problems.length > 0) throw new JobPlanError(model.name, problems);

  return {
    model: model.name,
    region: model.region,
    baseModel: base,
    trainingKey: key,
    nameFragment: keyFragment(key),
    attempt,
    commit,
    effectiveHyperparameters: effective,
    uploads,
    request,
  };
}

/** RFT's configured hyperparameters as strings, for the plan's summary (AWS publishes no defaults). */
function customizationHyperparameters(customization: JobCustomization): Record<string, string> {
  if (customization.kind !== "reinforcement") return {};
  return Object.fromEntries(
    Object.entries(customization.hyperparameters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

/** Tag values allow letters, digits, spaces and `_ . : / = + - @`; anything else becomes `_`. */
export function tagValue(text: string): string {
  return text.replace(/[^a-zA-Z0-9\s._:/=+@-]/g, "_").slice(0, 256);
}

/**
 * The configured hyperparameters checked against the base model's (name, type, range), and the values
 * in effect once the catalog's defaults fill in the rest, as canonical number strings.
 */
function effectiveHyperparameters(
  base: BaseModel,
  configured: Readonly<Record<string, string>>,
  say: (field: string, message: string) => void,
): Record<string, string> {
  const effective: Record<string, string> = {};
  // A default AWS does not confirm is not shown as in effect: the service applies its own.
  for (const spec of base.hyperparameters) {
    if (spec.unconfirmed === undefined) effective[spec.name] = String(spec.default);
  }
  for (const [name, text] of Object.entries(configured)) {
    const field = `hyperParameters.${name}`;
    const spec = base.hyperparameters.find((h) => h.name === name);
    if (!spec) {
      say(
        field,
        `${base.name} has no hyperparameter "${name}"; it takes ${base.hyperparameters.map((h) => h.name).join(", ")}.`,
      );
      continue;
    }
    const value = typeof text === "string" && text.trim() !== "" ? Number(text) : Number.NaN;
    if (!Number.isFinite(value) || (spec.type === "integer" && !Number.isInteger(value))) {
      say(field, `${JSON.stringify(text)} is not ${spec.type === "integer" ? "an integer" : "a number"}.`);
      continue;
    }
    const below = spec.min !== undefined && value < spec.min;
    const above = spec.max !== undefined && value > spec.max;
    // An unconfirmed range is no reason to refuse: the configuration has warned, the service decides.
    if ((below || above) && spec.unconfirmed === undefined) {
      say(
        field,
        `${text} is outside ${base.name}'s range ${spec.min ?? "-∞"} to ${spec.max ?? "∞"} (default ${spec.default}).`,
      );
      continue;
    }
    effective[name] = String(value);
  }
  return effective;
}
