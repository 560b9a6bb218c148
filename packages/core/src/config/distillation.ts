import { z } from "zod";
import { TEACHER_MODEL_IDENTIFIER } from "../jobs/customization";

/**
 * `distillation:` in tunegate.yml: the teacher of a distillation job
 * (`customizationConfig.distillationConfig.teacherModelConfig`). Which teachers a student takes, and
 * where, is catalog data (catalog/distillation.ts).
 */
export const distillationField = z
  .object({
    teacher: z
      .string()
      .max(TEACHER_MODEL_IDENTIFIER.max)
      .regex(
        TEACHER_MODEL_IDENTIFIER.pattern,
        "expected a model id such as amazon.nova-pro-v1:0, or an inference profile ARN such as arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0",
      )
      .describe(
        "The teacher model (teacherModelIdentifier): a model id, or an inference profile ARN for teachers " +
          "reachable only that way (Nova Premier, Llama 3.3 70B). It must be one of the base model's " +
          "teachers in the catalog.",
      )
      .meta({ examples: ["amazon.nova-pro-v1:0"] })
      .optional(),
    maxResponseLengthForInference: z
      .number({ error: "expected a number of tokens, e.g. 1000" })
      .int("expected a whole number of tokens")
      .min(1, "must be at least 1 token")
      .describe("Most tokens the job asks of the teacher for each prompt (maxResponseLengthForInference).")
      .optional(),
  })
  .strict()
  .describe(
    "Distillation (customization: distillation): the teacher, required, and the longest answer asked of it. " +
      "The training file holds prompts in the Converse format; Bedrock asks the teacher to answer them.",
  )
  .meta({ title: "Distillation" });
