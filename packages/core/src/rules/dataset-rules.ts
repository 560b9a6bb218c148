import type { BaseModel } from "../catalog/schema";
import { formatCount } from "../format-count";
import { defineRule, type EmitProblem } from "./define";

/** Problems of a file's records taken together, or of the training and validation files together. */
export const datasetRules = {
  tooFewRecords: defineRule({
    id: "dataset/too-few-records",
    severity: "error",
    title: "The file has at least the base model's minimum number of records",
    hint: "Add records: the job fails below the minimum.",
    example: { bad: "(a Claude 3 Haiku training file with 31 records)", good: "(at least 32 records)" },
  }),
  tooManyRecords: defineRule({
    id: "dataset/too-many-records",
    severity: "error",
    title: "The file has at most the base model's maximum number of records for its role",
    hint: "Remove records or split the data; for validation, move records to training.",
    example: {
      bad: "(a Claude 3 Haiku validation file with 1,200 records)",
      good: "(at most 1,000 validation records; move the rest to training)",
    },
  }),
  validationUnsupported: defineRule({
    id: "dataset/validation-unsupported",
    severity: "error",
    title: "A validation file is given only for a base model whose job takes one",
    hint: "Drop the validation file (in tunegate.yml, remove validation:); keep held-out records as an evaluation set instead.",
    example: {
      bad: "(validation.jsonl given for Amazon Nova 2 Lite, whose fine-tuning takes no validation set)",
      good: "(only train.jsonl; the held-out records in an evaluation set)",
    },
  }),
  totalRecords: defineRule({
    id: "dataset/total-records",
    severity: "error",
    title: "Training and validation records together stay within the base model's total",
    hint: "Shrink the validation set, or ask AWS to raise the quota (it is adjustable in Service Quotas).",
    example: {
      bad: "(9,500 training and 600 validation records for Claude 3 Haiku: 10,100 in all)",
      good: "(9,500 training and 500 validation records)",
    },
  }),
  duplicateRecord: defineRule({
    id: "dataset/duplicate-record",
    severity: "warning",
    title: "No record is repeated exactly",
    hint: "Delete the repeat: duplicates weigh the example twice and skew the loss.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}\\n{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}',
      good: '{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}',
    },
  }),
  conflictingAnswers: defineRule({
    id: "dataset/conflicting-answers",
    severity: "warning",
    title: "The same prompt does not get different answers",
    hint: "Keep one answer for the prompt, or make the prompts differ by the detail that decides the answer.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}\\n{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: fraud"}]}',
      good: '{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}\\n{"messages": [{"role": "user", "content": "Two charges I never made"}, {"role": "assistant", "content": "ROUTE: fraud"}]}',
    },
  }),
  validationLeak: defineRule({
    id: "dataset/validation-leak",
    severity: "warning",
    title: "No validation prompt also appears in the training data",
    hint: "Remove the record from one of the files: a leaked prompt makes validation loss look better than it is.",
    example: {
      bad: '(train.jsonl and validation.jsonl both hold {"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]})',
      good: "(each prompt in one file only)",
    },
  }),
  labelImbalance: defineRule({
    id: "labels/imbalance",
    severity: "warning",
    title: "Class labels are not heavily imbalanced",
    hint: "Add examples of the rare labels or down-sample the common ones.",
    example: {
      bad: "(labels billing: 900 records, legal: 40)",
      good: "(labels billing: 400, legal: 120: within 10:1)",
    },
  }),
  labelMissing: defineRule({
    id: "labels/missing",
    severity: "notice",
    title: "Every final assistant reply matches the label pattern",
    hint: "Check the reply against the configured label pattern, or correct the pattern.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "I think this is billing"}]}  (pattern ^ROUTE: (\\\\S+))',
      good: '{"messages": [{"role": "user", "content": "My card was charged twice"}, {"role": "assistant", "content": "ROUTE: billing"}]}',
    },
  }),
};

/**
 * dataset/too-few-records and dataset/too-many-records for one file; too many is reported at the
 * first record past the cap (`overCapLine`), where the file has to be cut.
 */
export function checkRecordCount(
  emit: EmitProblem,
  records: number,
  role: "train" | "validation",
  model: BaseModel,
  overCapLine: number | undefined,
): void {
  const q = model.quotas;
  const train = role === "train";
  const min = train ? q.minRecords : q.minValidationRecords;
  const max = train ? q.maxTrainingRecords : q.maxValidationRecords;
  const what = train ? "training" : "validation";
  const n = (x: number) => formatCount(x);
  if (min !== undefined && records < min && records > 0) {
    emit(
      datasetRules.tooFewRecords.id,
      1,
      1,
      "",
      `The ${what} file has ${n(records)} records; ${model.name} needs at least ${n(min)}.`,
    );
  }
  if (max !== undefined && records > max) {
    emit(
      datasetRules.tooManyRecords.id,
      overCapLine ?? 1,
      1,
      "",
      `The ${what} file has ${n(records)} records; ${model.name} takes at most ${n(max)}. This line holds record ${n(max + 1)}.`,
    );
  }
}
