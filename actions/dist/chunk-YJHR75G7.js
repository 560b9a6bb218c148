import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);

// packages/core/src/jobs/s3-layout.ts
var SHA256_HEX = /^[0-9a-f]{64}$/;
function datasetKey({ prefix, model, sha256, role }) {
  if (!SHA256_HEX.test(sha256)) {
    throw new Error(`sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
  }
  if (role !== "train" && role !== "validation") {
    throw new Error(`role must be "train" or "validation", got ${JSON.stringify(role)}`);
  }
  if (model.length === 0 || model.includes("/")) {
    throw new Error(`model name must be one non-empty key segment without "/", got ${JSON.stringify(model)}`);
  }
  return `${prefix}${model}/${sha256}/${role}.jsonl`;
}
function evaluationBatchKeys({
  prefix,
  model,
  sha256
}) {
  if (!SHA256_HEX.test(sha256)) {
    throw new Error(`sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
  }
  if (model.length === 0 || model.includes("/")) {
    throw new Error(`model name must be one non-empty key segment without "/", got ${JSON.stringify(model)}`);
  }
  const folder = `${prefix}${model}/evaluation/${sha256}/`;
  return { input: `${folder}records.jsonl`, output: `${folder}results/` };
}
function s3Uri(bucket, key) {
  return `s3://${bucket}/${key}`;
}

export {
  datasetKey,
  evaluationBatchKeys,
  s3Uri
};
