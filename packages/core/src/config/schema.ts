import { z } from "zod";
import { customizationField } from "./customization";
import { deploySchema } from "./deploy";
import { distillationField } from "./distillation";
import { reinforcementField } from "./reinforcement";
import { catalogEntrySchema } from "./schema-catalog";
import {
  allowLegacyBaseField,
  baseModelField,
  datasetPath,
  hyperparametersField,
  hyperparameterValue,
  kmsKeyField,
  labelsField,
  MODEL_NAME_PATTERN,
  regionField,
  roleArnField,
  s3Field,
  severitiesField,
  tagsField,
  tagValueField,
  vpcField,
} from "./schema-model";

/**
 * The zod schema of `tunegate.yml`, as the user writes it (before defaults are merged into models).
 * It is the single source of both the loader's structural checks and the JSON Schema editors read, so
 * every field carries a description. Checks that need the base-model catalog or the merged model
 * (required fields, hyperparameter ranges, Regions) live in `resolve-model.ts`.
 */

export { catalogEntrySchema } from "./schema-catalog";
export {
  DECIMAL_PATTERN,
  datasetPathProblem,
  KMS_KEY_PATTERN,
  MODEL_NAME_PATTERN,
  normalizeDatasetPath,
  RESERVED_TAG_PREFIXES,
  ROLE_ARN_PATTERN,
  S3_PREFIX_PATTERN,
  SEVERITY_VALUES,
  TAG_PATTERN,
} from "./schema-model";

// ---------------------------------------------------------------------------------------------------
// Layers: `defaults:` and each model take the same settings; a model adds its datasets.

function settingsShape(layer: "defaults" | "model") {
  return {
    baseModel: baseModelField.optional(),
    region: regionField.optional(),
    hyperparameters: hyperparametersField(
      layer === "model" ? hyperparameterValue.nullable() : hyperparameterValue,
    ).optional(),
    severities: severitiesField.optional(),
    s3: s3Field.optional(),
    roleArn: roleArnField.optional(),
    tags: tagsField(layer === "model" ? tagValueField.nullable() : tagValueField).optional(),
    vpc: (layer === "model"
      ? vpcField.nullable().describe(`${vpcField.description} null: no VPC, even if defaults set one.`)
      : vpcField
    ).optional(),
    customModelKmsKeyId: kmsKeyField(
      "KMS key that encrypts the custom model's weights (customModelKmsKeyId); absent: an AWS-owned key.",
    ).optional(),
    customization: customizationField.optional(),
    reinforcement: reinforcementField.optional(),
    distillation: distillationField.optional(),
  };
}

export const defaultsSchema = z
  .object(settingsShape("defaults"))
  .strict()
  .describe(
    "Settings every model inherits: objects (s3, tags, severities, hyperparameters) merge key by key, " +
      "other values are replaced by the model's own.",
  )
  .meta({ title: "Defaults" });

export const modelSchema = z
  .object({
    ...settingsShape("model"),
    training: datasetPath("Training").optional(),
    validation: datasetPath("Validation (sent to the job as its validation set)").optional(),
    evaluation: datasetPath("Held-out evaluation (training format, never sent to the job)").optional(),
    labels: labelsField.optional(),
    allowLegacyBase: allowLegacyBaseField.optional(),
    deploy: deploySchema.optional(),
  })
  .strict()
  .describe(
    "One fine-tuned model. Required once defaults are merged in: baseModel, training, s3.bucket, roleArn. " +
      "In hyperparameters, tags and vpc, null removes what defaults set.",
  )
  .meta({ title: "Model" });

const modelNameField = z
  .string()
  .regex(
    MODEL_NAME_PATTERN,
    "a model name has 1 to 40 lowercase letters, digits and hyphens, and starts with a letter or digit " +
      "(it becomes part of S3 keys, job names and custom model names)",
  );

export const configFileSchema = z
  .object({
    $schema: z.string().describe("JSON Schema of this file, for editors.").optional(),
    version: z
      .literal(1, { error: "this tunegate reads version: 1" })
      .describe("Version of the file format: 1."),
    defaults: defaultsSchema.optional(),
    catalog: z
      .array(catalogEntrySchema)
      .describe("Base models to add to tunegate's catalog or to change in it, applied in order.")
      .meta({ title: "Catalog additions" })
      .optional(),
    models: z
      .record(modelNameField, modelSchema)
      .refine((models) => Object.keys(models).length > 0, "declare at least one model")
      .describe("The models to fine-tune, by name (1 to 40 lowercase letters, digits and hyphens).")
      .meta({ title: "Models" }),
  })
  .strict()
  .describe(
    "tunegate configuration: the models to fine-tune on Amazon Bedrock, their datasets, and how " +
      "tunegate checks and trains them.",
  )
  .meta({ title: "tunegate.yml" });

/** The file as written (YAML input side: numbers or strings where both are accepted). */
export type ConfigFileInput = z.input<typeof configFileSchema>;
export type ConfigFile = z.output<typeof configFileSchema>;
export type ModelLayer = z.output<typeof modelSchema>;
export type DefaultsLayer = z.output<typeof defaultsSchema>;
