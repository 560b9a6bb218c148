import type { Catalog } from "../catalog/catalog";
import type { BaseModel } from "../catalog/schema";
import type { JobCustomization } from "../jobs/customization";
import type { SeverityOverride } from "../problem";
import type { ConfigIssue } from "./issues";

/** One model of tunegate.yml with the defaults merged in and every check passed. */
export interface ResolvedModel {
  /** Its key under `models:` (1 to 40 lowercase letters, digits, hyphens). */
  name: string;
  baseModel: BaseModel;
  region: string;
  /** Dataset paths relative to the config's directory, with "/" separators. */
  training: string;
  validation?: string;
  /** Held-out evaluation set in the training format; never sent to the job. */
  evaluation?: string;
  /** Label regex over the final assistant reply. */
  labels?: string;
  /** Only what the user set, as the API's strings ("2", not 2); the service's defaults apply to the rest. */
  hyperparameters: Record<string, string>;
  /** The catalog's defaults with the user's values over them, as numbers (for cost and epochs). */
  hyperparameterValues: Record<string, number>;
  /** Severity per rule id, from defaults and the model. */
  severities: Record<string, SeverityOverride>;
  /** `prefix` is "" or ends in "/". */
  s3: { bucket: string; prefix: string; kmsKeyId?: string };
  roleArn: string;
  /** The user's tags (tunegate adds its own `tunegate:` tags when it plans a job). */
  tags: Record<string, string>;
  vpc?: { subnetIds: string[]; securityGroupIds: string[] };
  /** KMS key for the custom model's weights. */
  customModelKmsKeyId?: string;
  /** Train on a base Bedrock reports as legacy or end-of-life (a private arrangement). */
  allowLegacyBase?: boolean;
  // customization, reinforcement, distillation (tunegate.yml sections)
  /** Reinforcement fine-tuning or distillation, with its grader or teacher; absent: supervised fine-tuning. */
  customization?: JobCustomization;
  // deploy: serve the trained model on demand and promote it past the gates (config/deploy.ts)
  deploy?: { name: string; on: "gates" | "never" };
}

export interface ResolvedConfig {
  /** The config file as named by the caller. */
  path: string;
  /** Absolute directory of the config file: dataset paths are relative to it. */
  root: string;
  /** Built-in base models plus the file's `catalog:` additions. */
  catalog: Catalog;
  /** In the file's order. */
  models: ResolvedModel[];
}

export interface ParsedConfig {
  config: ResolvedConfig;
  /** Problems that do not stop training, such as a legacy base model. */
  warnings: ConfigIssue[];
}

export interface ParseConfigOptions {
  /** The file's name for messages (and, unless `root` is given, where dataset paths are relative to). */
  path: string;
  /** Directory dataset paths are relative to; default: the directory of `path`. */
  root?: string;
  /** "Today" for lifecycle warnings (end-of-life dates). */
  today?: Date;
  /**
   * Why a dataset (given its absolute path) may not be read as a file of the checkout, or undefined
   * when it may: one that resolves outside it (by `..` or through a symbolic link) is an error at its
   * line. Given by the loader on disk (`loadConfig` in @tunegate/files); parsing itself reads no file.
   */
  outsideRepository?: (absolutePath: string) => string | undefined;
  /**
   * Checks a model's dataset on disk (given its absolute path): what is wrong with it ("no such
   * file"), or undefined. Given, a dataset that cannot be read is an error at its line, in the same
   * pass as every other problem; parsing itself reads no file.
   */
  datasetProblem?: (absolutePath: string) => string | undefined;
}
