/** The record-level diff of a dataset change: what reviewers read instead of a JSONL diff. */
export * from "./dataset-diff";
export * from "./labels";
export * from "./model-review";
export * from "./record-diff";
export * from "./record-identity";
export * from "./sample";
