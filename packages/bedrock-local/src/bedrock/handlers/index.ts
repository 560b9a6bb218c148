// The operations of the control-plane stand-in, by model operation name.
import type { OperationHandler } from "../../smithy/server.js";
import type { HandlerContext } from "./common.js";
import { customizationHandlers } from "./customization.js";
import { deploymentHandlers } from "./deployments.js";
import { foundationModelHandlers } from "./foundation-models.js";
import { invocationJobHandlers } from "./model-invocation-jobs.js";
import { provisionedHandlers } from "./provisioned.js";
import { tagHandlers } from "./tags.js";

export type { HandlerContext } from "./common.js";

export function bedrockHandlers(context: HandlerContext): Record<string, OperationHandler> {
  return {
    ...customizationHandlers(context),
    ...foundationModelHandlers(context),
    ...tagHandlers(context),
    ...provisionedHandlers(context),
    ...invocationJobHandlers(context),
    ...deploymentHandlers(context),
  };
}
