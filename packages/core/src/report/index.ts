/** Renderers of validation reports and dataset stats: pure functions from data to text or JSON. */
export { ANSI_PATTERN } from "./ansi";
export * from "./deploy-section";
export * from "./diff-text";
export * from "./github-limits";
export * from "./json";
export * from "./markdown-safe";
export * from "./markers";
export * from "./paths";
export * from "./pr-comment";
export * from "./pretty";
export * from "./rank";
export * from "./report-file";
export * from "./sarif";
export { servingCostLine } from "./serving-cost";
export * from "./stats";
export * from "./systematic";
export * from "./training-comment";
export * from "./workflow-commands";
