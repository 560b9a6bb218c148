import { z } from "zod";
import { BUILT_IN_MODELS } from "../catalog/models";
import { REGION_PATTERN } from "../catalog/schema";
import { labelPatternProblem } from "../dataset/label-pattern";
import { normalizePosixPath } from "../posix-path";
import { ALL_RULES } from "../rules/index";

/**
 * The field schemas of a model in `tunegate.yml` (and of `defaults:`), with the patterns they check.
 * `schema.ts` assembles them into the model and the file; each field carries the description editors show.
 */

/** A model's name becomes one S3 key segment, part of job and custom-model names, and a tag value. */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
/** Smithy `RoleArn` of CreateModelCustomizationJob. */
export const ROLE_ARN_PATTERN = /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/;
/** Smithy `TagKey` and `TagValue`. */
export const TAG_PATTERN = /^[a-zA-Z0-9\s._:/=+@-]*$/;
/** Key characters Bedrock's S3 URI pattern accepts (no spaces, `=`, `+`, `@`, `%`, `&`). */
export const S3_PREFIX_PATTERN = /^[-!_*'().a-zA-Z0-9/]*$/;
/**
 * A KMS key id, key ARN, alias or alias ARN. Smithy's `KmsKeyId` pattern leaves its alternatives
 * unanchored; this is the anchored reading of it.
 */
export const KMS_KEY_PATTERN =
  /^(?:arn:aws(?:-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:(?:key\/[a-zA-Z0-9-]{36}|alias\/[a-zA-Z0-9-_/]+)|[a-zA-Z0-9-]{36}|alias\/[a-zA-Z0-9-_/]+)$/;
const VPC_ID_PATTERN = /^[-0-9a-zA-Z]+$/;
/** A number as a hyperparameter string may spell it: no hex, no spaces, no `Infinity`. */
export const DECIMAL_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export const SEVERITY_VALUES = ["error", "warning", "notice", "off"] as const;
/** Tag-key prefixes the user may not use: tunegate writes its own tags, AWS reserves `aws:`. */
export const RESERVED_TAG_PREFIXES = ["tunegate:", "aws:"] as const;

export const BUILT_IN_IDS = BUILT_IN_MODELS.map((m) => m.id);
const BUILT_IN_REGIONS = [...new Set(BUILT_IN_MODELS.flatMap((m) => m.regions))].sort();

// ---------------------------------------------------------------------------------------------------
// Field schemas

export const baseModelField = z
  .string()
  .min(1)
  .describe(
    "Base model identifier as CreateModelCustomizationJob takes it (with its context suffix, e.g. " +
      '":200k"), or its foundation-model ARN. One of the built-in catalog entries, or an id added under ' +
      '"catalog:". Claude Sonnet and Opus cannot be fine-tuned on Bedrock.',
  )
  .meta({ title: "Base model", examples: BUILT_IN_IDS });

export const regionField = z
  .string()
  .regex(REGION_PATTERN, "expected an AWS Region such as us-west-2")
  .describe(
    "AWS Region of the customization job; the S3 bucket must be in it too. It must be one of the " +
      "base model's Regions. Optional when the base model can be customized in one Region only.",
  )
  .meta({ title: "Region", examples: BUILT_IN_REGIONS });

/** Bucket naming rules of Amazon S3 (general purpose buckets) beyond length and characters. */
function bucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.includes("..")) problems.push("must not contain two dots in a row");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) problems.push("must not be formatted as an IP address");
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(prefix)) problems.push(`must not start with "${prefix}" (reserved by S3)`);
  }
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
    if (name.endsWith(suffix)) problems.push(`must not end with "${suffix}" (reserved by S3)`);
  }
  return problems;
}

export const bucketField = z
  .string()
  .refine((v) => !v.startsWith("s3://"), {
    message: 'write the bucket name alone (no "s3://"); put the key prefix in "prefix"',
    abort: true,
  })
  .min(3, "an S3 bucket name has 3 to 63 characters")
  .max(63, "an S3 bucket name has 3 to 63 characters")
  .regex(
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    "an S3 bucket name has lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit",
  )
  .superRefine((name, ctx) => {
    for (const message of bucketNameProblems(name)) ctx.addIssue({ code: "custom", message, input: name });
  })
  .describe("S3 bucket the datasets are uploaded to and the job writes its output to (in the job's Region).")
  .meta({ title: "Bucket", examples: ["my-fine-tuning-data"] });

export const prefixField = z
  .string()
  .regex(
    S3_PREFIX_PATTERN,
    "Bedrock accepts only letters, digits and - ! _ * ' ( ) . / in S3 keys (no spaces, =, +, @, %, &)",
  )
  .refine((v) => !v.startsWith("/"), 'a key prefix does not start with "/"')
  .refine((v) => !v.includes("//"), 'a key prefix has no empty segment ("//")')
  // The AWS SDK resolves `.` and `..` in keys as in a URL path: `a/../b/` would write to `b/`.
  .refine(
    (v) => !v.split("/").some((segment) => segment === "." || segment === ".."),
    'a key prefix has no "." or ".." segment (S3 clients collapse them, so objects would land elsewhere)',
  )
  .describe(
    'Key prefix inside the bucket, e.g. "tunegate/". A "/" is added at the end when missing. Objects go ' +
      "to <prefix><model>/<sha256>/train.jsonl and the job output to <prefix><model>/output/.",
  )
  .meta({ title: "Key prefix", examples: ["tunegate/"] });

export const kmsKeyField = (what: string) =>
  z
    .string()
    .max(2048)
    .regex(KMS_KEY_PATTERN, "expected a KMS key id, key ARN, alias/<name> or alias ARN")
    .describe(what);

export const roleArnField = z
  .string()
  .max(2048)
  .regex(
    ROLE_ARN_PATTERN,
    "expected an IAM role ARN such as arn:aws:iam::123456789012:role/BedrockFineTuning",
  )
  .describe(
    "IAM service role Bedrock assumes to read the datasets and write the output. Its trust policy must " +
      "name bedrock.amazonaws.com.",
  )
  .meta({ title: "Service role ARN", examples: ["arn:aws:iam::123456789012:role/BedrockFineTuning"] });

const tagKeyField = z
  .string()
  .min(1, "a tag key has 1 to 128 characters")
  .max(128, "a tag key has 1 to 128 characters")
  .regex(TAG_PATTERN, "a tag key has letters, digits, spaces and _ . : / = + - @ only")
  .refine((k) => !RESERVED_TAG_PREFIXES.some((p) => k.toLowerCase().startsWith(p)), {
    message: 'tag keys starting "tunegate:" are tunegate\'s own and "aws:" is AWS\'s',
  });

/** YAML reads `cost-center: 1234` as a number; the API takes strings, so scalars become strings. */
export const tagValueField = z
  .union([z.string(), z.number(), z.boolean()], {
    error: "a tag value is a string (numbers and booleans are turned into strings)",
  })
  .transform((v) => String(v))
  .pipe(
    z
      .string()
      .max(256, "a tag value has at most 256 characters")
      .regex(TAG_PATTERN, "a tag value has letters, digits, spaces and _ . : / = + - @ only"),
  );

const tagsDescription =
  "Tags put on the customization job and on the custom model, besides the ones tunegate adds " +
  '(keys "tunegate:…", up to 7). Bedrock keeps at most 50 tags on a resource.';

export function tagsField<V extends z.ZodType>(value: V) {
  return z.record(tagKeyField, value).describe(tagsDescription).meta({ title: "Tags" });
}

/** What `hyperparameters` values may be: YAML numbers, or strings that spell a number. */
export const hyperparameterValue = z
  .union([z.number(), z.string()], {
    error: 'expected a number, or a string that spells one (e.g. 2 or "2")',
  })
  .refine((v) => (typeof v === "number" ? Number.isFinite(v) : DECIMAL_PATTERN.test(v)), {
    message: 'expected a number, or a string that spells one (e.g. 2 or "2")',
  });

/** For each hyperparameter name in the built-in catalog, who takes it and in what range. */
function hyperparameterHelp(): Map<string, string> {
  const byName = new Map<string, Map<string, string[]>>();
  for (const model of BUILT_IN_MODELS) {
    for (const h of model.hyperparameters) {
      const range =
        h.min !== undefined || h.max !== undefined
          ? `${h.type} ${h.min ?? "-∞"} to ${h.max ?? "∞"}, default ${h.default}`
          : `${h.type}, default ${h.default}`;
      const unconfirmed = h.unconfirmed === undefined ? "" : " (unconfirmed by AWS)";
      const ranges = byName.get(h.name) ?? new Map<string, string[]>();
      ranges.set(`${range}${unconfirmed}`, [...(ranges.get(`${range}${unconfirmed}`) ?? []), model.name]);
      byName.set(h.name, ranges);
    }
  }
  const help = new Map<string, string>();
  for (const [name, ranges] of byName) {
    const parts = [...ranges].map(([range, models]) => `${models.join(", ")}: ${range}`);
    help.set(name, `${name}. ${parts.join("; ")}.`);
  }
  return help;
}

const HYPERPARAMETER_HELP = hyperparameterHelp();

export function hyperparametersField<V extends z.ZodType>(value: V) {
  const known = Object.fromEntries(
    [...HYPERPARAMETER_HELP].map(([name, help]) => [name, value.optional().describe(help)]),
  ) as Record<string, z.ZodOptional<V>>;
  return z
    .object(known)
    .catchall(value)
    .describe(
      "Hyperparameters sent to the job, by name. Numbers or numeric strings (sent as strings, e.g. " +
        '"2"). Names and ranges are checked against the base model\'s catalog entry; what is not set ' +
        "takes the service's default.",
    )
    .meta({ title: "Hyperparameters" });
}

const severityValue = z.enum(SEVERITY_VALUES, {
  error: "expected one of error, warning, notice, off",
});

export const severitiesField = z
  .object(
    Object.fromEntries(
      ALL_RULES.map((rule) => [
        rule.id,
        severityValue.optional().describe(`${rule.title} Default: ${rule.severity}.`),
      ]),
    ),
  )
  .strict()
  .describe("Severity per rule id: error blocks training, warning and notice inform, off silences the rule.")
  .meta({ title: "Rule severities" });

export const s3Field = z
  .object({
    bucket: bucketField.optional(),
    prefix: prefixField.optional(),
    kmsKeyId: kmsKeyField(
      "KMS key the uploaded datasets are encrypted with (SSE-KMS); absent: the bucket's default encryption.",
    ).optional(),
  })
  .strict()
  .describe("Where datasets are uploaded and the job writes its output. Merged key by key with defaults.")
  .meta({ title: "S3 location" });

export const vpcField = z
  .object({
    subnetIds: z
      .array(
        z.string().max(32).regex(VPC_ID_PATTERN, "expected a subnet id such as subnet-0123456789abcdef0"),
      )
      .min(1, "give 1 to 16 subnet ids")
      .max(16, "give 1 to 16 subnet ids")
      .describe("Subnets the job's network interfaces go in (1 to 16)."),
    securityGroupIds: z
      .array(
        z.string().max(32).regex(VPC_ID_PATTERN, "expected a security group id such as sg-0123456789abcdef0"),
      )
      .min(1, "give 1 to 5 security group ids")
      .max(5, "give 1 to 5 security group ids")
      .describe("Security groups of those network interfaces (1 to 5)."),
  })
  .strict()
  .describe("Run the job inside your VPC (vpcConfig). A model's vpc replaces the defaults' as a whole.")
  .meta({ title: "VPC" });

/**
 * Why a dataset path may not be used, if it may not: it must name a file inside the repository, so a
 * checkout of the same commit anywhere finds the same data.
 */
export function datasetPathProblem(path: string): string | undefined {
  if (path.includes("\\")) return 'use "/" to separate directories, not "\\"';
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.startsWith("~")) {
    return "must be relative to the directory of tunegate.yml, not absolute";
  }
  if (normalizeDatasetPath(path).startsWith("../") || normalizeDatasetPath(path) === "..") {
    return "must stay inside the directory of tunegate.yml (no .. above it)";
  }
  return undefined;
}

/** `./datasets//a/../b.jsonl` -> `datasets/b.jsonl`: the path relative to the config's directory. */
export function normalizeDatasetPath(path: string): string {
  return normalizePosixPath(path).replace(/^(\.\/)+/, "");
}

/** A dataset path as written; see `datasetPathProblem` for where it may point. */
export const datasetPath = (role: string) =>
  z
    .string()
    .min(1)
    .refine((p) => datasetPathProblem(p) === undefined, {
      error: (issue) => datasetPathProblem(String(issue.input)) ?? "not a usable path",
    })
    .regex(/\.jsonl$/, "a dataset path ends in .jsonl")
    .describe(
      `${role} dataset: a .jsonl file, relative to the directory of tunegate.yml, inside the repository.`,
    );

export const labelsField = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    const problem = labelPatternProblem(pattern);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", message: `not a valid regular expression: ${problem}`, input: pattern });
    }
  })
  .describe(
    "Regular expression (JavaScript syntax) over the final assistant reply; its first group, or the whole " +
      "match, is the record's class label. Enables label statistics and classification accuracy. It runs " +
      "in linear time (RE2), so lookaround and backreferences are not accepted.",
  )
  .meta({ title: "Label pattern", examples: ["^ROUTE: (\\S+)"] });

// Set per model, never under defaults: each retired base is a decision of its own.
export const allowLegacyBaseField = z
  .boolean()
  .describe(
    "Train even when Bedrock reports the base model as legacy or past its end-of-life (GetFoundationModel). " +
      "Only for an account with continued access under a private arrangement with the provider; without " +
      "it, the train step refuses such a base before uploading anything. Default: false.",
  )
  .meta({ title: "Allow a legacy base model" });
