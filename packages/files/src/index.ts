/**
 * The I/O edge for datasets and configuration on disk: what @tunegate/core decides, read from files.
 */
export { type ConvertFileOptions, convertDataset } from "./convert-file";
export { type LoadConfigOptions, loadConfig } from "./load-config";
export { outsideRepositoryProblem } from "./repository";
export { type FileDigest, sha256File } from "./sha256-file";
