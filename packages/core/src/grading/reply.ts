import { z } from "zod";
import type { Problem } from "../problem";
import { preview } from "../rules/preview";
import type { GradeSample } from "./request";

/**
 * What a grader sends back, checked against AWS's documented Lambda response (reward-functions.html):
 * a JSON array with one `{"id", "aggregate_reward_score": <number>, "metrics_list": [{"name", "value",
 * "type": "Reward" | "Metric"}]}` per request item. `metrics_list` is optional: AWS's own example
 * grader returns only the id and the score. Other fields are allowed (AWS's samples add some).
 */
const metricSchema = z.looseObject({
  name: z.string(),
  value: z.number(),
  type: z.enum(["Reward", "Metric"]),
});
const scoreSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  aggregate_reward_score: z.number(),
  metrics_list: z.array(metricSchema).optional(),
});
export const graderReplySchema = z.array(scoreSchema);
export type GraderScore = z.infer<typeof scoreSchema>;

/** What came of one invocation of the grader, as the Lambda adapter reads Lambda's answer. */
export type GraderOutcome =
  /** The function returned: its result, as text. */
  | { readonly kind: "replied"; readonly payload: string }
  /** The function failed (Lambda's FunctionError): Lambda's error payload, as text. */
  | { readonly kind: "crashed"; readonly payload: string }
  /** The function ran past its timeout, or the call past the check's. */
  | { readonly kind: "timed-out"; readonly detail: string }
  /** The function could not be called: not found, access denied, refused request. */
  | { readonly kind: "unreachable"; readonly detail: string; readonly hint: string };

/** Invokes the grader (a Lambda ARN or name) with one request payload (JSON text). */
export type InvokeGrader = (grader: string, payload: string) => Promise<GraderOutcome>;

export interface GradeCheckOptions {
  /** The dataset, as reports name it. */
  readonly file: string;
  /** The lowest score the reference answer may get (default 1). */
  readonly topScore: number;
}

export interface CheckedBatch {
  readonly problems: Problem[];
  /** The score each sample got, when the reply gave one. */
  readonly scores: ReadonlyMap<GradeSample, number>;
}

export const GRADE_RULES = {
  unreachable: "grade/unreachable",
  crashed: "grade/crashed",
  timedOut: "grade/timed-out",
  wrongShape: "grade/wrong-shape",
  missingId: "grade/missing-id",
  notTopScore: "grade/not-top-score",
} as const;

const SHOWN = 300; // characters of what came back, in a message
const SHAPE_PROBLEMS = 3; // per reply: the first few say what to fix

/** The problems of one invocation's outcome, each at the record it concerns (or the batch's first). */
export function checkGraderOutcome(
  batch: readonly GradeSample[],
  outcome: GraderOutcome,
  options: GradeCheckOptions,
): CheckedBatch {
  const scores = new Map<GradeSample, number>();
  const first = batch[0]!;
  const at = (sample: GradeSample, rule: string, message: string, hint: string, path = ""): Problem => ({
    rule,
    severity: "error",
    file: options.file,
    line: sample.line,
    column: 1,
    path,
    message,
    hint,
  });
  const whom = batch.length === 1 ? recordName(first) : describeBatch(batch);
  if (outcome.kind === "unreachable") {
    return {
      problems: [
        at(
          first,
          GRADE_RULES.unreachable,
          `The grader could not be invoked for ${whom}: ${outcome.detail}`,
          outcome.hint,
        ),
      ],
      scores,
    };
  }
  if (outcome.kind === "timed-out") {
    const message = `The grader timed out on ${whom}: ${preview(outcome.detail, SHOWN)}.`;
    const hint =
      "A grader must answer within its Lambda timeout (at most 15 minutes) for every batch a job sends: make it faster, or raise the function's timeout.";
    return { problems: [at(first, GRADE_RULES.timedOut, message, hint)], scores };
  }
  if (outcome.kind === "crashed") {
    const message = `The grader crashed on ${whom} (Lambda FunctionError): ${preview(crashText(outcome.payload), SHOWN)}.`;
    const hint =
      'Fix the function: it gets AWS\'s request, an array of {"id", "messages" ending with the model\'s reply, "metadata": {"reference_answer", ...the record\'s other fields}}, and a crash fails the training job.';
    return { problems: [at(first, GRADE_RULES.crashed, message, hint)], scores };
  }

  const shapeHint =
    'Return a JSON array with one {"id": <the request\'s id>, "aggregate_reward_score": <number>} per request item (optionally "metrics_list": [{"name", "value", "type": "Reward" | "Metric"}]).';
  let parsed: unknown;
  try {
    parsed = JSON.parse(outcome.payload);
  } catch {
    const message = `The grader's reply to ${whom} is not JSON: ${preview(outcome.payload, SHOWN)}.`;
    return { problems: [at(first, GRADE_RULES.wrongShape, message, shapeHint)], scores };
  }
  if (!Array.isArray(parsed)) {
    const wrapped = isObject(parsed) && "statusCode" in parsed && "body" in parsed;
    const message = `The grader's reply to ${whom} is ${kindOf(parsed)}, not an array: ${preview(parsed, SHOWN)}.`;
    const hint = wrapped
      ? "Return the array itself: the training job reads the function's result, not an API Gateway response ({statusCode, body})."
      : shapeHint;
    return { problems: [at(first, GRADE_RULES.wrongShape, message, hint)], scores };
  }
  const byId = new Map(batch.map((s) => [String(s.item.id), s]));
  const result = graderReplySchema.safeParse(parsed);
  if (!result.success) {
    const problems = result.error.issues.slice(0, SHAPE_PROBLEMS).map((issue) => {
      const entry = typeof issue.path[0] === "number" ? parsed[issue.path[0]] : undefined;
      const owner = (isObject(entry) && byId.get(String(entry.id))) || first;
      const field = fieldPath(issue.path);
      const message = `The grader's reply for ${recordName(owner)} has the wrong shape: ${field} ${issueText(issue, valueAt(parsed, issue.path))}. It returned ${preview(entry ?? parsed, SHOWN)}.`;
      return at(owner, GRADE_RULES.wrongShape, message, shapeHint, "");
    });
    const more = result.error.issues.length - problems.length;
    if (more > 0)
      problems[problems.length - 1]!.message += ` (${more} more shape problems in the same reply.)`;
    return { problems, scores };
  }

  const problems: Problem[] = [];
  const seen = new Map<string, GraderScore>();
  for (const entry of result.data) {
    const key = String(entry.id);
    const sample = byId.get(key);
    if (!sample) {
      problems.push(
        at(
          first,
          GRADE_RULES.wrongShape,
          `The grader's reply to ${whom} has an entry for id ${preview(entry.id)}, which was not sent: ${preview(entry, SHOWN)}.`,
          "Return the request's ids as they are: the training job matches scores to replies by id.",
        ),
      );
      continue;
    }
    if (seen.has(key)) {
      problems.push(
        at(
          sample,
          GRADE_RULES.wrongShape,
          `The grader's reply has two entries for ${recordName(sample)}: ${preview(seen.get(key), SHOWN / 2)} and ${preview(entry, SHOWN / 2)}.`,
          "Return one entry per request item.",
        ),
      );
      continue;
    }
    seen.set(key, entry);
  }
  for (const sample of batch) {
    const entry = seen.get(String(sample.item.id));
    if (!entry) {
      const ids = [...seen.keys()]
        .slice(0, 5)
        .map((id) => preview(id))
        .join(", ");
      problems.push(
        at(
          sample,
          GRADE_RULES.missingId,
          `The grader's reply has no entry for ${recordName(sample)}: it returned ${result.data.length} of ${batch.length}${ids ? ` (ids ${ids}${seen.size > 5 ? ", ..." : ""})` : ""}.`,
          "Return one entry per request item, with the request's id: a reply without a score gives the training job nothing to learn from.",
        ),
      );
      continue;
    }
    scores.set(sample, entry.aggregate_reward_score);
    if (entry.aggregate_reward_score < options.topScore) {
      problems.push(
        at(
          sample,
          GRADE_RULES.notTopScore,
          `The grader scored the reference answer of ${recordName(sample)} ${entry.aggregate_reward_score}, below the top score ${options.topScore}: given the record's own reference_answer as the model's reply, it returned ${preview(entry, SHOWN)}.`,
          "A grader that does not give the reference answer its top score would train the model away from it: check how it reads metadata.reference_answer and the last (assistant) message. If its scores top out elsewhere, say so with --top-score (the action's grade-top-score).",
          "reference_answer",
        ),
      );
    }
  }
  return { problems, scores };
}

/** `id "q-1"`, or for a record without one the id the check sent. */
export function recordName(sample: GradeSample): string {
  return sample.ownId
    ? `id ${preview(sample.item.id, 60)}`
    : `the record without an id (sent as ${preview(sample.item.id, 60)})`;
}

/** "3 records (lines 4, 9 and 12)" */
function describeBatch(batch: readonly GradeSample[]): string {
  const lines = batch.map((s) => s.line);
  const shown = lines.slice(0, 5).join(", ");
  return `${batch.length} records (lines ${shown}${lines.length > 5 ? ` and ${lines.length - 5} more` : ""}), sent in one invocation`;
}

/** Lambda's error payload as one line: `TypeError: message`. */
function crashText(payload: string): string {
  try {
    const error = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    if (isObject(error) && (error.errorType !== undefined || error.errorMessage !== undefined)) {
      return [error.errorType, error.errorMessage]
        .filter((v) => v !== undefined)
        .map(String)
        .join(": ");
    }
  } catch {
    // not JSON: shown as it is
  }
  return payload;
}

function fieldPath(path: readonly PropertyKey[]): string {
  const text = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return text === "" ? "the reply" : text.replace(/^\./, "");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (!isObject(value) && !Array.isArray(value)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function issueText(issue: z.core.$ZodIssue, value: unknown): string {
  const got =
    value === undefined
      ? "is missing"
      : value === null
        ? "is null"
        : `is ${kindOf(value)} ${preview(value, 60)}`;
  if (issue.code === "invalid_type") return `${got}; AWS expects ${article(issue.expected)}`;
  if (issue.code === "invalid_value") {
    return `${got}; AWS expects ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
  }
  if (issue.code === "invalid_union") return `${got}; AWS expects a string or a number`;
  return `${got}: ${issue.message}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return article(typeof value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
