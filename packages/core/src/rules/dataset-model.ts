import type { BaseModel } from "../catalog/schema";
import type { JobCustomization } from "../jobs/customization";
import { distillationModel } from "./distillation-rules";
import { reinforcementModel } from "./rft-format";

/**
 * The base model as a configured model's datasets are checked: supervised data by the base model's own
 * rules, reinforcement fine-tuning data by the RFT format's, distillation prompts by their own.
 */
export function datasetModel(model: {
  baseModel: BaseModel;
  customization?: JobCustomization | undefined;
}): BaseModel {
  switch (model.customization?.kind) {
    case "reinforcement":
      return reinforcementModel(model.baseModel);
    case "distillation":
      return distillationModel(model.baseModel);
    default:
      return model.baseModel;
  }
}
