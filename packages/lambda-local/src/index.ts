// A local AWS Lambda stand-in that the real AWS SDK v3 Lambda client talks to through an endpoint
// override; its functions are the test's callbacks.
export { type FunctionReference, functionArn, parseFunctionName } from "./function-name.js";
export {
  type InvocationContext,
  type LambdaFunctionSpec,
  type LambdaHandler,
  type LambdaStandIn,
  type LambdaStandInOptions,
  MAX_SYNC_PAYLOAD_BYTES,
  type RecordedInvocation,
  startLambdaStandIn,
} from "./standin.js";
