import { z } from "zod";
import { CUSTOMIZATION_TYPES } from "./customization-types";
import { IMAGE_FORMATS, VIDEO_FORMATS } from "./media-formats";

/**
 * The base-model catalog is data: tunegate ships entries for the models AWS documents, and a user's
 * configuration can add or override entries through this same schema (see `resolveCatalog`).
 * Every figure carries its source, because quotas and prices change and users must be able to check them.
 */

export const RECORD_FORMATS = [
  "claude-messages",
  "bedrock-conversation-2024",
  "prompt-completion",
  "rft-chat",
] as const;
export const recordFormatSchema = z
  .enum(RECORD_FORMATS)
  .describe(
    "JSONL record format: claude-messages ({system, messages} with string content), " +
      "bedrock-conversation-2024 (Nova/Llama converse format), prompt-completion ({prompt, completion}) " +
      "or rft-chat (reinforcement fine-tuning: OpenAI chat messages with a reference_answer).",
  );
export type RecordFormat = z.infer<typeof recordFormatSchema>;

const source = z
  .string()
  .min(1)
  .describe("Where this figure comes from: a URL or a document, and how sure it is.");

export const hyperparameterSpecSchema = z
  .object({
    name: z.string().min(1),
    type: z.enum(["integer", "float"]),
    default: z.number(),
    min: z.number().optional().describe("Smallest accepted value; absent when no source states it."),
    max: z.number().optional().describe("Largest accepted value; absent when no source states it."),
    unconfirmed: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Set when AWS publishes no name, default or range for this model: why, and where the figures come " +
          "from. tunegate then sends the value only when the configuration sets it, warns when it does not, " +
          "and reports a value outside the range as a warning rather than an error.",
      ),
  })
  .strict();
export type HyperparameterSpec = z.infer<typeof hyperparameterSpecSchema>;

export const quotasSchema = z
  .object({
    minRecords: z.number().int().nonnegative().optional(),
    minValidationRecords: z.number().int().nonnegative().optional(),
    maxTrainingRecords: z.number().int().positive().optional(),
    maxValidationRecords: z.number().int().positive().optional(),
    maxTotalRecords: z.number().int().positive().optional(),
    maxTokensPerRecord: z.number().int().positive().optional(),
    maxTrainingFileBytes: z.number().int().positive().optional(),
    maxValidationFileBytes: z.number().int().positive().optional(),
    source,
  })
  .strict();
export type Quotas = z.infer<typeof quotasSchema>;

export const mediaSchema = z
  .object({
    images: z.boolean().describe("Whether user turns may carry images."),
    videos: z.boolean().describe("Whether user turns may carry a video."),
    maxImagesPerMessage: z.number().int().nonnegative().default(10),
    maxVideosPerRecord: z.number().int().nonnegative().default(1),
    imageFormats: z.array(z.string()).default([...IMAGE_FORMATS]),
    videoFormats: z.array(z.string()).default([...VIDEO_FORMATS]),
    source,
  })
  .strict();
export type MediaSupport = z.infer<typeof mediaSchema>;

export const LIFECYCLE_STATUSES = ["active", "legacy", "end-of-life"] as const;
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const region = z.string().regex(REGION_PATTERN, "an AWS Region such as us-west-2");

/** One lifecycle statement: AWS's status for the model, its dates, and the page that says so. */
export const lifecycleStateSchema = z
  .object({
    status: z
      .enum(LIFECYCLE_STATUSES)
      .describe(
        "active; legacy (no new fine-tuning jobs or Provisioned Throughput); end-of-life (requests fail, " +
          "or AWS no longer offers customization for it).",
      ),
    legacySince: z.iso.date().optional().describe("Date (YYYY-MM-DD) the model became Legacy."),
    extendedAccessFrom: z.iso.date().optional().describe("Date (YYYY-MM-DD) public extended access began."),
    endOfLife: z.iso.date().optional().describe("Date (YYYY-MM-DD) after which AWS retires the model."),
    source,
  })
  .strict();
export type LifecycleState = z.infer<typeof lifecycleStateSchema>;

/** The model's lifecycle in every Region of the entry, with Regions where AWS states another. */
export const lifecycleSchema = lifecycleStateSchema
  .extend({
    byRegion: z
      .record(region, lifecycleStateSchema)
      .optional()
      .describe("Regions whose lifecycle differs from the one above (AWS retires models per Region)."),
  })
  .strict();
export type Lifecycle = z.infer<typeof lifecycleSchema>;

const usd = z.number().nonnegative();
export const pricesSchema = z
  .object({
    trainingPerMillionTokens: z.object({ usd, source }).strict().optional(),
    storagePerMonth: z.object({ usd, source }).strict().optional(),
    provisionedThroughputPerHour: z.object({ usd, source }).strict().optional(),
    inputPerMillionTokens: z.object({ usd, source }).strict().optional(),
    outputPerMillionTokens: z.object({ usd, source }).strict().optional(),
    cacheReadPerMillionTokens: z.object({ usd, source }).strict().optional(),
    cacheWritePerMillionTokens: z.object({ usd, source }).strict().optional(),
    customModelInputPerMillionTokens: z.object({ usd, source }).strict().optional(),
    customModelOutputPerMillionTokens: z.object({ usd, source }).strict().optional(),
  })
  .strict();
export type Prices = z.infer<typeof pricesSchema>;

export const tokenizationSchema = z
  .object({
    charsPerToken: z
      .number()
      .positive()
      .describe("Planning ratio used when no calibration sample is available."),
    source,
  })
  .strict();

export * from "./customization-types";
export const customizationTypeSchema = z.enum(CUSTOMIZATION_TYPES);
export type CustomizationType = z.infer<typeof customizationTypeSchema>;

/**
 * Families whose own rules apply on top of the record format's (rules/<family>-rules.ts): the
 * format says how a record is written, the family what that model accepts in it.
 */
export const MODEL_FAMILIES = ["claude-3", "nova", "nova-2", "llama", "titan", "cohere"] as const;
export const modelFamilySchema = z
  .enum(MODEL_FAMILIES)
  .describe(
    "Model family whose rules apply besides the format's: nova-2 (reasoning blocks, one media kind per " +
      "dataset, no tool use), llama (one system block), nova, claude-3, titan, cohere.",
  );
export type ModelFamily = z.infer<typeof modelFamilySchema>;

export const servingSchema = z
  .object({
    onDemand: z
      .boolean()
      .describe("Whether a custom model of this base can be served on demand (custom model deployment)."),
    provisionedThroughput: z
      .boolean()
      .describe("Whether Provisioned Throughput can be bought for a custom model of this base."),
    source,
  })
  .strict();
export type Serving = z.infer<typeof servingSchema>;

export const batchInferenceSchema = z
  .object({
    foundationModel: z
      .boolean()
      .describe("Whether batch inference (CreateModelInvocationJob) runs the base model itself on demand."),
    customModels: z.boolean().describe("Whether batch inference runs a custom model of this base."),
    source,
  })
  .strict();
export type BatchInferenceSupport = z.infer<typeof batchInferenceSchema>;

export const validationDataSchema = z
  .object({
    supported: z.boolean().describe("Whether a customization job for this model takes a validation file."),
    source,
  })
  .strict();

/** A teacher a student can be distilled from (prequisites-model-distillation.html). */
export const distillationTeacherSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .describe(
        "Foundation-model id of the teacher, as teacherModelIdentifier takes it, e.g. amazon.nova-pro-v1:0.",
      ),
    name: z.string().min(1).describe("Display name, e.g. Amazon Nova Pro."),
    inferenceProfileOnly: z
      .boolean()
      .default(false)
      .describe("Whether the teacher can only be named by an inference profile ARN (not its model id)."),
  })
  .strict();
export type DistillationTeacher = z.infer<typeof distillationTeacherSchema>;

export const distillationSchema = z
  .object({
    teachers: z
      .array(distillationTeacherSchema)
      .min(1)
      .describe("Teachers this student can be distilled from."),
    regions: z.array(region).min(1).describe("Regions where these pairs can be distilled."),
    singleTurn: z
      .boolean()
      .describe(
        "Whether each prompt holds one user message only (Meta Llama students), or may be multi-turn (Nova).",
      ),
    source,
  })
  .strict();
export type Distillation = z.infer<typeof distillationSchema>;

/**
 * Set on the view of a base model that checks a distillation prompt dataset (see `distillationModel`):
 * records are prompts the teacher answers, so a final assistant reply is optional.
 */
export const promptDatasetSchema = z.object({ singleTurn: z.boolean(), source }).strict();

export const baseModelSchema = z
  .object({
    id: z.string().min(1).describe("Base model identifier as CreateModelCustomizationJob takes it."),
    name: z.string().min(1),
    provider: z.string().min(1),
    format: recordFormatSchema,
    family: modelFamilySchema.optional(),
    regions: z.array(region).min(1),
    customizationTypes: z.array(customizationTypeSchema).min(1).default(["FINE_TUNING"]),
    quotas: quotasSchema,
    hyperparameters: z.array(hyperparameterSpecSchema),
    reservedStrings: z.object({ values: z.array(z.string().min(1)), source }).strict(),
    media: mediaSchema.optional().describe("Media the model accepts in training records; absent: text only."),
    tokenization: tokenizationSchema,
    lifecycle: lifecycleSchema.optional(),
    serving: servingSchema.optional().describe("How a custom model of this base can be served."),
    batchInference: batchInferenceSchema
      .optional()
      .describe(
        "Whether an evaluation may go through batch inference; absent: it does not (one Converse call per case).",
      ),
    validationData: validationDataSchema
      .optional()
      .describe("Whether the job takes a validation file; absent: it does."),
    distillation: distillationSchema
      .optional()
      .describe("Distillation as a student: its teachers, Regions and prompt rules; absent: not a student."),
    promptDataset: promptDatasetSchema
      .optional()
      .describe("Set only on the view tunegate checks distillation prompts with; never in the catalog."),
    prices: pricesSchema.default({}),
    sources: z.array(z.string()).default([]),
  })
  .strict();
export type BaseModel = z.infer<typeof baseModelSchema>;
export type BaseModelInput = z.input<typeof baseModelSchema>;

/**
 * A catalog addition from configuration. With `extends`, it starts from that entry and changes only
 * what it names (objects merge, arrays and scalars replace); without it, it overrides an entry of the
 * same id the same way, or must be a complete entry of its own.
 */
export const catalogAdditionSchema = z
  .object({
    id: z.string().min(1),
    extends: z.string().min(1).optional().describe("Id of the catalog entry this one starts from."),
  })
  .catchall(z.unknown());
export type CatalogAddition = z.infer<typeof catalogAdditionSchema>;
