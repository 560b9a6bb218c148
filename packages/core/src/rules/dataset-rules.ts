import { defineRule } from "./define";

/** Problems of a file's records taken together, or of the training and validation files together. */
export const datasetRules = {
  tooFewRecords: defineRule({
    id: "dataset/too-few-records",
    severity: "error",
    title: "The file has at least the base model's minimum number of records",
    hint: "Add records: the job fails below the minimum.",
  }),
  tooManyRecords: defineRule({
    id: "dataset/too-many-records",
    severity: "error",
    title: "The file has at most the base model's maximum number of records for its role",
    hint: "Remove records or split the data; for validation, move records to training.",
  }),
  totalRecords: defineRule({
    id: "dataset/total-records",
    severity: "error",
    title: "Training and validation records together stay within the base model's total",
    hint: "Shrink the validation set, or ask AWS to raise the quota (it is adjustable in Service Quotas).",
  }),
  duplicateRecord: defineRule({
    id: "dataset/duplicate-record",
    severity: "warning",
    title: "No record is repeated exactly",
    hint: "Delete the repeat: duplicates weigh the example twice and skew the loss.",
  }),
  conflictingAnswers: defineRule({
    id: "dataset/conflicting-answers",
    severity: "warning",
    title: "The same prompt does not get different answers",
    hint: "Keep one answer for the prompt, or make the prompts differ by the detail that decides the answer.",
  }),
  validationLeak: defineRule({
    id: "dataset/validation-leak",
    severity: "warning",
    title: "No validation prompt also appears in the training data",
    hint: "Remove the record from one of the files: a leaked prompt makes validation loss look better than it is.",
  }),
  labelImbalance: defineRule({
    id: "labels/imbalance",
    severity: "warning",
    title: "Class labels are not heavily imbalanced",
    hint: "Add examples of the rare labels or down-sample the common ones.",
  }),
  labelMissing: defineRule({
    id: "labels/missing",
    severity: "notice",
    title: "Every final assistant reply matches the label pattern",
    hint: "Check the reply against the configured label pattern, or correct the pattern.",
  }),
};
