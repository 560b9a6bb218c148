import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  connectionSettings
} from "./chunk-BWDY3MZG.js";
import {
  require_dist_cjs
} from "./chunk-J3BOOJIZ.js";
import {
  __toESM
} from "./chunk-KCCJD64M.js";

// packages/aws/src/s3-client.ts
var import_client_s3 = __toESM(require_dist_cjs(), 1);
var FALLBACK_REGION_FOR_CUSTOM_ENDPOINT = "us-east-1";
function createS3Client(options = {}) {
  const connection = connectionSettings(options, "AWS_ENDPOINT_URL_S3", FALLBACK_REGION_FOR_CUSTOM_ENDPOINT);
  const config = {
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: "standard",
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_SUPPORTED",
    // throwOnRequestTimeout: without it the SDK only logs a warning when the timeout passes.
    requestHandler: { connectionTimeout: 1e4, requestTimeout: 12e4, throwOnRequestTimeout: true },
    // A bucket in another Region is a configuration error for Bedrock (the data must be in the job's
    // Region), so surface the redirect instead of following it.
    followRegionRedirects: false,
    ...connection,
    forcePathStyle: options.forcePathStyle ?? Boolean(connection.endpoint)
  };
  return new import_client_s3.S3Client(config);
}

export {
  createS3Client
};
