import { join } from "node:path";
import { type BaseModel, type Catalog, ConfigNotFoundError } from "@tunegate/core";
import { loadProjectConfig } from "./config";
import type { EvaluationSettings } from "./report-evaluation";

/** A model of tunegate.yml, in what the report needs of it. */
export interface ReportModel {
  name: string;
  baseModel?: BaseModel;
  region: string;
  evaluation?: EvaluationSettings;
  /** The training dataset's path, for the serving figures of requests like it. */
  training?: string;
  /** `deploy:` of tunegate.yml: deploy, evaluate against production and promote. */
  deploy?: { name: string; on: "gates" | "never" };
}

/**
 * The models of tunegate.yml as the report needs them. A missing file is not an error here: a job's
 * figures and failure still get reported from its tags and the catalog, only the evaluation settings
 * (dataset, labels) come from the configuration.
 */
export async function loadReportModels(
  configPath: string,
  workspace: string,
  warn: (message: string) => void,
): Promise<{ models: ReportModel[]; catalog?: Catalog }> {
  let parsed: Awaited<ReturnType<typeof loadProjectConfig>>;
  try {
    parsed = await loadProjectConfig(configPath, workspace, { repository: workspace });
  } catch (err) {
    if (err instanceof ConfigNotFoundError) {
      warn(`${configPath} not found: jobs are reported without evaluation settings.`);
      return { models: [] };
    }
    throw err;
  }
  for (const w of parsed.warnings) warn(w.issue.message);
  const { root } = parsed.config;
  return {
    catalog: parsed.config.catalog,
    models: parsed.config.models.map((m) => ({
      name: m.name,
      baseModel: m.baseModel,
      region: m.region,
      training: join(root, m.training),
      evaluation: {
        ...(m.evaluation ? { dataset: m.evaluation, datasetRoot: root } : {}),
        ...(m.labels ? { labelPattern: m.labels } : {}),
        storage: { bucket: m.s3.bucket, prefix: m.s3.prefix, roleArn: m.roleArn },
      },
      ...(m.deploy ? { deploy: m.deploy } : {}),
    })),
  };
}
