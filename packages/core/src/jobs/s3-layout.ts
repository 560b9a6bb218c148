import type { DatasetRole } from "../dataset/validate";

/**
 * Where tunegate keeps datasets in S3: the one place the key layout is defined. The plan of a job
 * (see planJob) and every upload and check that follows take their keys from here.
 */

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface DatasetKeyInput {
  /** Prepended verbatim, so `"tunegate/"` gives `tunegate/<model>/...` and `""` puts the model at the root. */
  prefix: string;
  /** The model name as configured in tunegate (one key segment: no `/`). */
  model: string;
  /** Lowercase hex SHA-256 of the dataset file. */
  sha256: string;
  role: DatasetRole;
}

/**
 * Key of a dataset file: `<prefix><model>/<sha256>/<train|validation>.jsonl`. The SHA-256 makes the key
 * content-addressed: the same bytes always land at the same key, so an upload can be skipped safely.
 */
export function datasetKey({ prefix, model, sha256, role }: DatasetKeyInput): string {
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

export interface EvaluationBatchKeys {
  /** The records file of the batch inference job: `<prefix><model>/evaluation/<sha256>/records.jsonl`. */
  input: string;
  /** The folder Bedrock writes the results under: `<prefix><model>/evaluation/<sha256>/results/`. */
  output: string;
}

/**
 * Keys of an evaluation run through batch inference, content-addressed by the SHA-256 of the records
 * file (the cases and the request settings): the same evaluation finds the same records, and a re-run
 * uploads nothing new.
 */
export function evaluationBatchKeys({
  prefix,
  model,
  sha256,
}: Omit<DatasetKeyInput, "role">): EvaluationBatchKeys {
  if (!SHA256_HEX.test(sha256)) {
    throw new Error(`sha256 must be 64 lowercase hex characters, got ${JSON.stringify(sha256)}`);
  }
  if (model.length === 0 || model.includes("/")) {
    throw new Error(`model name must be one non-empty key segment without "/", got ${JSON.stringify(model)}`);
  }
  const folder = `${prefix}${model}/evaluation/${sha256}/`;
  return { input: `${folder}records.jsonl`, output: `${folder}results/` };
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}
