export {
  type ChangedModel,
  type ChangedModelsOptions,
  changedModels,
  datasetsOf,
  modelFingerprint,
} from "./changes";
export { apiString, plainDecimal } from "./hyperparameters";
export {
  ConfigError,
  type ConfigIssue,
  ConfigNotFoundError,
  formatIssue as formatConfigIssue,
} from "./issues";
export { configJsonSchema } from "./json-schema";
export { DEFAULT_CONFIG_FILE, loadConfig } from "./load";
export { parseConfig } from "./parse";
export { outsideRepositoryProblem, repositoryName, repositoryRelative } from "./repository";
export {
  type ConfigFile,
  type ConfigFileInput,
  configFileSchema,
  MODEL_NAME_PATTERN,
  SEVERITY_VALUES,
} from "./schema";
export type { ParseConfigOptions, ParsedConfig, ResolvedConfig, ResolvedModel } from "./types";
