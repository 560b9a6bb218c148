// GetFoundationModel and ListFoundationModels for the base models the stand-in can customize, with
// the per-Region `modelLifecycle` that callers check before starting a job on a retired base.
import { ServiceError } from "../../smithy/errors.js";
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import { type BaseModelSpec, findBaseModel, type ModelLifecycle } from "../catalog.js";
import { foundationModelArn, type HandlerContext } from "./common.js";

interface ListFoundationModelsInput {
  readonly byProvider?: string;
  readonly byCustomizationType?: string;
  readonly byOutputModality?: string;
  readonly byInferenceType?: string;
}

const PROVIDERS: Readonly<Record<string, string>> = {
  anthropic: "Anthropic",
  amazon: "Amazon",
  meta: "Meta",
  cohere: "Cohere",
};

function providerName(id: string): string {
  const prefix = id.split(".")[0] ?? id;
  return PROVIDERS[prefix] ?? prefix;
}

function lifecycleView(lifecycle: ModelLifecycle): Record<string, unknown> {
  return { ...lifecycle };
}

export function foundationModelHandlers(context: HandlerContext): Record<string, OperationHandler> {
  const { lifecycleOf } = context;
  const inRegion = context.catalog.filter((model) => model.regions.includes(context.region));

  function summary(model: BaseModelSpec): Record<string, unknown> {
    return {
      modelArn: foundationModelArn(context, model.id),
      modelId: model.id,
      modelName: model.id.split(":")[0],
      providerName: providerName(model.id),
      inputModalities: ["TEXT"],
      outputModalities: ["TEXT"],
      responseStreamingSupported: true,
      customizationsSupported: ["FINE_TUNING"],
      inferenceTypesSupported: ["PROVISIONED"],
      modelLifecycle: lifecycleView(lifecycleOf(model)),
    };
  }

  return {
    GetFoundationModel: typed<{ modelIdentifier: string }>((input) => {
      const model = findBaseModel(inRegion, input.modelIdentifier);
      const arnRegion = input.modelIdentifier.startsWith("arn:")
        ? input.modelIdentifier.split(":")[3]
        : context.region;
      // The service's answer for an identifier it does not serve in this Region.
      if (!model || arnRegion !== context.region) {
        throw new ServiceError("ValidationException", "The provided model identifier is invalid.");
      }
      return { modelDetails: summary(model) };
    }),

    ListFoundationModels: typed<ListFoundationModelsInput>((input) => ({
      modelSummaries: inRegion
        .filter(
          (model) =>
            (input.byProvider === undefined ||
              providerName(model.id).toLowerCase() === input.byProvider.toLowerCase()) &&
            (input.byCustomizationType === undefined || input.byCustomizationType === "FINE_TUNING") &&
            (input.byOutputModality === undefined || input.byOutputModality === "TEXT") &&
            (input.byInferenceType === undefined || input.byInferenceType === "PROVISIONED"),
        )
        .map(summary),
    })),
  };
}
