import { z } from "zod";
import { UserError } from "../user-error";

/**
 * The evaluation results file (docs/eval-results.md): what `tunegate eval` and the report action write,
 * and what a team with its own evaluation harness hands in instead. The schema is strict about the
 * figures the gates and the PR comment read, and lets other keys through so a harness can add its own.
 */

export const EVAL_RESULTS_FORMAT = "tunegate.eval/v1";

const rate = z.number().min(0).max(1);
const count = z.number().int().nonnegative();
const priceSchema = z.object({ usd: z.number().nonnegative(), source: z.string().min(1) });

export const labelScoreSchema = z.object({
  label: z.string(),
  /** Cases whose reference has this label. */
  support: count,
  /** Cases whose answer has this label. */
  predicted: count,
  truePositives: count,
  /** Absent when the model never answered with this label. */
  precision: rate.optional(),
  /** Absent when no reference has this label. */
  recall: rate.optional(),
});
export type LabelScore = z.infer<typeof labelScoreSchema>;

export const classificationSchema = z
  .object({
    pattern: z.string(),
    /** Cases whose reference has a label: the denominator of accuracy. */
    total: count,
    correct: count,
    accuracy: rate,
    labels: z.array(labelScoreSchema),
    /** `matrix[i][j]`: cases whose reference label is `rows[i]` and whose answer's label is `columns[j]`. */
    confusion: z.object({
      rows: z.array(z.string()),
      columns: z.array(z.string()),
      matrix: z.array(z.array(count)),
    }),
    /** Cases whose reference matches no label (left out of accuracy). */
    unlabeledReferences: count,
  })
  .refine((c) => c.correct <= c.total, { message: "correct cannot exceed total" })
  .refine(
    (c) =>
      c.confusion.matrix.length === c.confusion.rows.length &&
      c.confusion.matrix.every((row) => row.length === c.confusion.columns.length),
    { message: "the confusion matrix must have one row per rows entry and one cell per columns entry" },
  );
export type Classification = z.infer<typeof classificationSchema>;

export const evalSummarySchema = z.object({
  cases: count,
  /** Cases the model answered (the rest failed after retries). */
  answered: count,
  errors: count,
  exactMatch: z.object({ matched: count, rate }),
  classification: classificationSchema.optional(),
  latencyMs: z
    .object({
      p50: z.number().nonnegative(),
      p95: z.number().nonnegative(),
      /** "service": Converse's metrics.latencyMs; "client": wall time around the call. */
      source: z.enum(["service", "client", "harness"]).optional(),
    })
    .optional(),
  tokens: z.object({ input: count, output: count }).optional(),
  cost: z
    .object({
      usd: z.number().nonnegative(),
      inputPerMillionTokens: priceSchema,
      outputPerMillionTokens: priceSchema,
    })
    .optional(),
});
export type EvalSummary = z.infer<typeof evalSummarySchema>;

export const caseResultSchema = z.object({
  id: z.string(),
  reference: z.string(),
  /** Absent when the call failed. */
  prediction: z.string().optional(),
  error: z.string().optional(),
  latencyMs: z.number().nonnegative().optional(),
  inputTokens: count.optional(),
  outputTokens: count.optional(),
});
export type CaseResult = z.infer<typeof caseResultSchema>;

export const modelResultSchema = z.object({
  /** The model id or ARN that answered (a provisioned throughput ARN for a custom model). */
  model: z.string().min(1),
  summary: evalSummarySchema,
  cases: z.array(caseResultSchema).optional(),
});
export type ModelResult = z.infer<typeof modelResultSchema>;

export const evalResultsSchema = z
  .object({
    format: z.literal(EVAL_RESULTS_FORMAT),
    createdAt: z.string().optional(),
    /** The tunegate model (tunegate.yml name) the evaluation is for. */
    name: z.string().optional(),
    dataset: z.object({ path: z.string(), cases: count, skipped: count.optional() }).optional(),
    labelPattern: z.string().optional(),
    target: modelResultSchema,
    baseline: modelResultSchema.optional(),
  })
  .loose();
export type EvalResults = z.infer<typeof evalResultsSchema>;

export class EvalResultsError extends UserError {
  override name = "EvalResultsError";
}

/** Parses a results file's text, with every schema problem named by its path. */
export function parseEvalResults(text: string, source = "the results file"): EvalResults {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EvalResultsError(`${source} is not JSON: ${(err as Error).message}`);
  }
  const parsed = evalResultsSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new EvalResultsError(`${source} does not follow ${EVAL_RESULTS_FORMAT}: ${issues}.`);
  }
  return parsed.data;
}

/** The figure gates compare: accuracy for a classifier, else the exact-match rate. */
export function headlineScore(summary: EvalSummary): { name: "accuracy" | "exact match"; value: number } {
  return summary.classification
    ? { name: "accuracy", value: summary.classification.accuracy }
    : { name: "exact match", value: summary.exactMatch.rate };
}
