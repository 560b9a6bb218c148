import type { BaseModel } from "../catalog/schema";

/**
 * Whether an evaluation asks a model through Bedrock batch inference (records in S3, results in S3,
 * run on Bedrock's fleet) or one Converse call per case. Batch inference takes a foundation model id
 * or a custom model ARN, never a provisioned throughput or a deployment, and only for the models the
 * catalog says it supports (`batchInference`, with its source); below the size threshold the Converse
 * path is kept, since a batch job waits in a queue and has a minimum number of records.
 */

export type EvaluationRoute = { route: "batch" } | { route: "converse"; why: string };

/** AWS's default quota "Minimum number of records per batch inference job" (Service Quotas). */
export const BATCH_MIN_RECORDS = 100;

export interface RouteInput {
  modelId: string;
  cases: number;
  /** Batch inference for more than this many cases; undefined: never. */
  batchAbove: number | undefined;
  /** The base model of the job being evaluated (a custom model's entry). */
  baseModel: BaseModel | undefined;
  catalog?: { find(id: string): BaseModel | undefined; readonly models?: readonly BaseModel[] };
}

/** The entry of an on-demand id such as `amazon.nova-lite-v1:0` (the catalog's ids carry a context suffix). */
function entryOf(bare: string, input: RouteInput): BaseModel | undefined {
  const candidates = [...(input.baseModel ? [input.baseModel] : []), ...(input.catalog?.models ?? [])];
  return (
    candidates.find((m) => bare === m.id || bare === m.id.replace(/:\d+k$/, "")) ?? input.catalog?.find(bare)
  );
}

export function evaluationRoute(input: RouteInput): EvaluationRoute {
  if (input.batchAbove === undefined) return { route: "converse", why: "batch inference is off" };
  if (input.cases <= input.batchAbove || input.cases < BATCH_MIN_RECORDS) {
    return {
      route: "converse",
      why: `${input.cases} cases, not more than ${Math.max(input.batchAbove, BATCH_MIN_RECORDS - 1)}`,
    };
  }
  const id = input.modelId;
  if (/:(provisioned-model|custom-model-deployment)\//.test(id)) {
    return {
      route: "converse",
      why: "batch inference takes a model, not a provisioned throughput or a deployment",
    };
  }
  if (id.includes(":custom-model/")) {
    const support = input.baseModel?.batchInference;
    return support?.customModels
      ? { route: "batch" }
      : {
          route: "converse",
          why: `the catalog does not list batch inference for custom models of ${input.baseModel?.id ?? "this base model"}${support ? ` (${support.source})` : ""}`,
        };
  }
  const bare = id
    .replace(/^(us|eu|apac|global)\./, "")
    .replace(/^arn:aws[^:]*:bedrock:[^:]*:[^:]*:foundation-model\//, "");
  const entry = entryOf(bare, input);
  return entry?.batchInference?.foundationModel
    ? { route: "batch" }
    : { route: "converse", why: `the catalog does not list batch inference for ${bare}` };
}
