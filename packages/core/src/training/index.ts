/** Results of a customization job: its metrics files, loss summaries, deltas and failure hints. */
export * from "./failure-hints";
export * from "./loss-summary";
export * from "./metrics-csv";
export * from "./series-csv";
