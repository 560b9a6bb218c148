/**
 * The I/O edge for datasets and configuration on disk: what @tunegate/core decides, read from files.
 */

export { nodeDatasetIo } from "./dataset-io";
export { runDatasetWorker } from "./dataset-worker";
export { type LoadConfigOptions, loadConfig } from "./load-config";
export { outsideRepositoryProblem } from "./repository";
export { type FileDigest, sha256File } from "./sha256-file";
