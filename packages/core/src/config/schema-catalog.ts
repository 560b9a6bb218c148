import { z } from "zod";
import {
  baseModelSchema,
  customizationTypeSchema,
  hyperparameterSpecSchema,
  lifecycleSchema,
  mediaSchema,
  modelFamilySchema,
  type pricesSchema,
  quotasSchema,
  recordFormatSchema,
  servingSchema,
  tokenizationSchema,
  validationDataSchema,
} from "../catalog/schema";
import { BUILT_IN_IDS } from "./schema-model";

/** The `catalog:` section of `tunegate.yml`: base models a file adds to tunegate's catalog or changes in it. */

/**
 * `schema`'s fields, each with the help text editors show; the catalog's own schema leaves some fields
 * undescribed, and the config file is where users meet them.
 */
function documented<T extends z.ZodRawShape>(
  schema: z.ZodObject<T>,
  docs: { [K in keyof T]?: string },
): z.ZodObject<T> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const doc = docs[key as keyof T];
      return [key, doc === undefined ? field : (field as z.ZodType).describe(doc)];
    }),
  ) as T;
  return z.object(shape).strict();
}

const documentedQuotas = documented(quotasSchema, {
  minRecords: "Fewest records a training file may have.",
  minValidationRecords: "Fewest records a validation file may have.",
  maxTrainingRecords: "Most records a training file may have.",
  maxValidationRecords: "Most records a validation file may have.",
  maxTotalRecords: "Most records in the training and validation files together.",
  maxTokensPerRecord: "Most tokens in one record (system prompt and all messages).",
  maxTrainingFileBytes: "Largest training file, in bytes.",
  maxValidationFileBytes: "Largest validation file, in bytes.",
});

const documentedHyperparameter = documented(hyperparameterSpecSchema, {
  name: "Name as the API takes it, e.g. epochCount.",
  type: "integer or float.",
  default: "Value the service uses when the config sets none.",
  unconfirmed:
    "Why the name, default or range is not confirmed by AWS; then a value outside the range is a warning, and tunegate sends the value only when the model sets it.",
});

const documentedMedia = documented(mediaSchema, {
  maxImagesPerMessage: "Most images in one message.",
  maxVideosPerRecord: "Most videos in one record.",
  imageFormats: "Image formats accepted, e.g. png, jpeg.",
  videoFormats: "Video formats accepted, e.g. mp4.",
});

const documentedLifecycle = documented(lifecycleSchema, {
  status: "active, legacy or end-of-life.",
  source: "Where the lifecycle comes from: a URL, or your private arrangement with the provider.",
});

const price = (what: string) =>
  z
    .object({
      usd: z.number().nonnegative().describe("Amount in US dollars."),
      source: z.string().min(1).describe("Where the price comes from, and when it was read."),
    })
    .strict()
    .describe(what)
    .optional();

/** Same fields as the catalog's `pricesSchema`; resolving the catalog checks them against it. */
const documentedPrices = z
  .object({
    trainingPerMillionTokens: price("Training, per million tokens processed (tokens x epochs)."),
    storagePerMonth: price("Storage of one custom model, per month."),
    provisionedThroughputPerHour: price("Provisioned Throughput, per model unit and hour."),
    inputPerMillionTokens: price("Inference input, per million tokens."),
    outputPerMillionTokens: price("Inference output, per million tokens."),
  })
  .strict();
/** `true` when A and B have the same keys; a type error below when the catalog adds a price field. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
const pricesInStep: SameKeys<typeof pricesSchema.shape, typeof documentedPrices.shape> = true;
void pricesInStep;

/**
 * A catalog entry as configuration writes it: a patch over `extends` (or over the built-in entry of the
 * same id), so every field is optional here; the merged entry is checked against the full catalog
 * schema when the catalog is resolved. Nested objects are shallow-partial for the same reason.
 */
const catalogShape = baseModelSchema.shape;
export const catalogEntrySchema = z
  .object({
    id: catalogShape.id,
    extends: z
      .string()
      .min(1)
      .describe("Id of the catalog entry this one starts from; the other fields here change it.")
      .meta({ examples: BUILT_IN_IDS })
      .optional(),
    name: catalogShape.name.describe("Display name, e.g. Claude 3 Haiku.").optional(),
    provider: catalogShape.provider.describe("Model provider, e.g. Anthropic.").optional(),
    format: recordFormatSchema.optional(),
    regions: catalogShape.regions.describe("Regions where the model can be customized.").optional(),
    family: modelFamilySchema.optional(),
    customizationTypes: z
      .array(customizationTypeSchema)
      .min(1)
      .describe(
        "Customization types the model supports (FINE_TUNING, DISTILLATION, REINFORCEMENT_FINE_TUNING, " +
          "CONTINUED_PRE_TRAINING); tunegate trains with FINE_TUNING.",
      )
      .optional(),
    quotas: documentedQuotas
      .partial()
      .describe("Record, token and file-size limits, with their source.")
      .optional(),
    hyperparameters: z
      .array(documentedHyperparameter)
      .describe("Every hyperparameter the model takes: name, integer or float, default, min, max.")
      .optional(),
    reservedStrings: z
      .object({
        values: z.array(z.string().min(1)).describe("Strings that may not appear in any text of a record."),
        source: catalogShape.reservedStrings.shape.source,
      })
      .strict()
      .partial()
      .describe("Strings the service rejects inside records, with their source.")
      .optional(),
    media: documentedMedia.partial().describe("Media the model accepts in user turns.").optional(),
    tokenization: tokenizationSchema
      .partial()
      .describe("Characters per token used to estimate token counts.")
      .optional(),
    lifecycle: documentedLifecycle
      .describe(
        "Lifecycle status, dates and source, replacing the extended entry's as a whole (e.g. status: active " +
          "with your private arrangement as source); byRegion for Regions that differ.",
      )
      .optional(),
    serving: servingSchema
      .partial()
      .describe("Whether a custom model can be served on demand or only through Provisioned Throughput.")
      .optional(),
    validationData: validationDataSchema
      .partial()
      .describe("Whether the customization job takes a validation file, with its source.")
      .optional(),
    prices: documentedPrices.describe("Prices in USD, each with its source, for cost estimates.").optional(),
    sources: z.array(z.string()).describe("Pages the entry's figures come from.").optional(),
  })
  .strict()
  .describe(
    "Adds a base model or changes one: with extends, starts from that entry; with the id of an existing " +
      "entry, changes it; else it must be complete. Objects merge, arrays and values replace.",
  )
  .meta({ title: "Catalog entry" });
