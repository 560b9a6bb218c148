// Local stand-ins for Amazon Bedrock (control plane and Runtime) that the real AWS SDK v3 clients talk
// to through an endpoint override.
export {
  type BaseModelSpec,
  DEFAULT_BASE_MODELS,
  type HyperParameterSpec,
  type ModelLifecycle,
  type RecordFormat,
} from "./bedrock/catalog.js";
export { WRITE_CHECK_FILE } from "./bedrock/job-runner.js";
export {
  type BedrockStandIn,
  type BedrockStandInOptions,
  type DeploymentView,
  type JobSnapshot,
  type ProvisionedModelView,
  startBedrockStandIn,
} from "./bedrock/standin.js";
export type { DeploymentStatus, JobStatus, ProvisionedStatus, Tag } from "./bedrock/state.js";
export { type FaultSpec, passRoleDeniedMessage, type RecordedRequest } from "./control/faults.js";
export type {
  ConverseAnswer,
  ConverseCall,
  ConverseText,
  Responder,
  StopReason,
} from "./runtime/answers.js";
export {
  type BedrockRuntimeStandIn,
  type BedrockRuntimeStandInOptions,
  type ConverseLoad,
  DEFAULT_FOUNDATION_MODELS,
  type DeploymentLookup,
  type ProvisionedModelLookup,
  startBedrockRuntimeStandIn,
} from "./runtime/standin.js";
export type { UnknownMemberPolicy } from "./smithy/decode.js";
// A responder throws one to answer a chosen call with a modelled error (a throttle of one prompt, say).
export { ServiceError } from "./smithy/errors.js";
