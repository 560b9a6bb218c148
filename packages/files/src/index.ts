/**
 * The I/O edge for datasets and configuration on disk: what @tunegate/core decides, read from files.
 * Whole-module re-exports (`export *`), so a bundle that imports one of them is split from the others:
 * the CLI's `validate` loads the dataset I/O without the config loader and its YAML parser.
 */
export * from "./convert-file";
export * from "./dataset-io";
export * from "./dataset-worker";
export * from "./load-config";
export * from "./repository";
export * from "./sha256-file";
