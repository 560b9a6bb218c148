export {
  type ChangedModel,
  type ChangedModelsOptions,
  changedModels,
  datasetsOf,
  modelFingerprint,
} from "./changes";
export * from "./default-file";
export { apiString, plainDecimal } from "./hyperparameters";
export {
  ConfigError,
  type ConfigIssue,
  ConfigNotFoundError,
  formatIssue as formatConfigIssue,
} from "./issues";
export { configJsonSchema } from "./json-schema";
export { parseConfig } from "./parse";
export * from "./repository";
export {
  type ConfigFile,
  type ConfigFileInput,
  configFileSchema,
  MODEL_NAME_PATTERN,
  SEVERITY_VALUES,
} from "./schema";
export type { ParseConfigOptions, ParsedConfig, ResolvedConfig, ResolvedModel } from "./types";
