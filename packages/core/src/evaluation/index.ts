/** Evaluation of a fine-tuned model: cases from a dataset, answers, scores, gates and the results file. */
export * from "./batch-route";
export * from "./eval-set";
export * from "./gates";
export * from "./results";
export * from "./run";
export * from "./score";
