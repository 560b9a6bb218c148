import { z } from "zod";
import {
  LAMBDA_ARN,
  REASONING_EFFORTS,
  RFT_NUMBER_HYPERPARAMETERS,
  type RftNumberName,
  type RftNumberSpec,
} from "../jobs/customization";

/**
 * `reinforcement:` in tunegate.yml: the grader and the hyperparameters of a reinforcement fine-tuning
 * job (`customizationConfig.rftConfig`). The hyperparameters are typed numbers, as the API takes them;
 * their ranges are the Smithy model's (jobs/customization.ts names each shape).
 */

const typed = 'a number (reinforcement fine-tuning takes typed numbers: write 2, not "2")';

function rftNumber(name: RftNumberName, what: string) {
  const spec: RftNumberSpec = RFT_NUMBER_HYPERPARAMETERS[name];
  const range = spec.max === undefined ? `at least ${spec.min}` : `from ${spec.min} to ${spec.max}`;
  let field = z.number({ error: `expected ${typed}` });
  if (spec.kind === "integer") field = field.int(`expected an integer, ${range}`);
  if (spec.min !== undefined) field = field.min(spec.min, `must be ${range} (Smithy ${spec.shape})`);
  if (spec.max !== undefined) field = field.max(spec.max, `must be ${range} (Smithy ${spec.shape})`);
  return field.describe(
    `${what} ${spec.kind === "integer" ? "Integer" : "Number"} ${range} (Smithy ${spec.shape}).`,
  );
}

export const rftHyperparametersField = z
  .object({
    epochCount: rftNumber("epochCount", "Passes over the prompts."),
    batchSize: rftNumber("batchSize", "Prompts per training batch."),
    learningRate: rftNumber("learningRate", "Learning rate."),
    maxPromptLength: rftNumber(
      "maxPromptLength",
      "Longest prompt in tokens (AWS does not document what the job does with a longer one).",
    ),
    trainingSamplePerPrompt: rftNumber("trainingSamplePerPrompt", "Replies generated and graded per prompt."),
    inferenceMaxTokens: rftNumber(
      "inferenceMaxTokens",
      "Longest reply in tokens the model writes in training.",
    ),
    reasoningEffort: z
      .enum(REASONING_EFFORTS, { error: "expected one of low, medium, high" })
      .describe("Reasoning effort in training: low, medium or high (Smithy ReasoningEffort)."),
    evalInterval: rftNumber("evalInterval", "Training steps between evaluations."),
  })
  .partial()
  .strict()
  .describe(
    "Hyperparameters of the reinforcement fine-tuning job (rftConfig.hyperParameters), typed numbers with " +
      "the API's ranges. AWS publishes no defaults: what is not set is left to the service.",
  )
  .meta({ title: "RFT hyperparameters" });

export const graderField = z
  .string()
  .max(LAMBDA_ARN.max, `a Lambda ARN has at most ${LAMBDA_ARN.max} characters`)
  .regex(
    LAMBDA_ARN.pattern,
    "expected a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-grader",
  )
  .describe(
    "ARN of the AWS Lambda function that scores the model's replies (rftConfig.graderConfig.lambdaGrader). " +
      "The service role needs lambda:InvokeFunction on it.",
  )
  .meta({ title: "Grader", examples: ["arn:aws:lambda:us-east-1:123456789012:function:my-grader"] });

export const reinforcementField = z
  .object({
    grader: graderField.optional(),
    hyperparameters: rftHyperparametersField.optional(),
  })
  .strict()
  .describe(
    "Reinforcement fine-tuning (customization: reinforcement): the grader Lambda, required, and the typed " +
      "hyperparameters. Merged key by key with defaults.",
  )
  .meta({ title: "Reinforcement fine-tuning" });
