import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  require_dist_cjs
} from "./chunk-5ENMBIVW.js";
import {
  configuredEndpoint,
  signingRegion
} from "./chunk-BWDY3MZG.js";
import "./chunk-WTWSW6HL.js";
import "./chunk-WCTOR5IS.js";
import "./chunk-RTQXLPC3.js";
import {
  __toESM
} from "./chunk-KCCJD64M.js";

// packages/aws/src/lambda-client.ts
var import_client_lambda = __toESM(require_dist_cjs(), 1);
var FALLBACK_REGION_FOR_CUSTOM_ENDPOINT = "us-east-1";
var LAMBDA_MAX_TIMEOUT_MS = 15 * 60 * 1e3;
function createLambdaClient(options = {}) {
  const env = options.env ?? process.env;
  const endpoint = options.endpoint ?? configuredEndpoint(env, "AWS_ENDPOINT_URL_LAMBDA");
  const config = {
    maxAttempts: options.maxAttempts ?? 3,
    retryMode: "standard",
    requestHandler: {
      connectionTimeout: 1e4,
      requestTimeout: options.requestTimeoutMs ?? LAMBDA_MAX_TIMEOUT_MS + 6e4,
      // Without it the SDK only logs a warning when the timeout passes, and the call waits on.
      throwOnRequestTimeout: true
    }
  };
  const region = signingRegion(options.region, env, endpoint, FALLBACK_REGION_FOR_CUSTOM_ENDPOINT);
  if (region) config.region = region;
  if (endpoint) config.endpoint = endpoint;
  if (options.credentials) config.credentials = options.credentials;
  return new import_client_lambda.LambdaClient(config);
}
export {
  createLambdaClient
};
