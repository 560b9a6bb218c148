import { type BaseModel, type ServingComparison, servingOfTrainingData } from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import type { Log } from "./ports";
import type { ReportModel } from "./report-models";

/**
 * The serving figures the pull request's "On merge" section quoted, measured again on the model's
 * training data in the workspace. A file that cannot be read costs the comment this section, not the report.
 */
export async function servingOfModel(
  model: ReportModel | undefined,
  baseModel: BaseModel | undefined,
  log: Log,
): Promise<ServingComparison | undefined> {
  if (!model?.training || !baseModel) return undefined;
  try {
    return await servingOfTrainingData(model.training, baseModel, nodeDatasetIo);
  } catch (err) {
    log.warning(`No serving figures for ${model.name}: ${(err as Error).message}`);
    return undefined;
  }
}
