export { type BackoffOptions, pollWithBackoff } from "./backoff";
export {
  type BaseModelLifecycle,
  getBaseModelLifecycle,
  guardBaseModelLifecycle,
  type LifecycleGuardInput,
  type LifecycleVerdict,
  RetiredBaseModelError,
  retirementOf,
} from "./base-model-lifecycle";
export {
  BATCH_DONE,
  BATCH_ENDED_BADLY,
  type BatchJob,
  type BatchOutcome,
  batchRecordId,
  batchRecords,
  type CreateBatchJobRequest,
  createBatchJob,
  findBatchJobs,
  getBatchJob,
  putBatchRecords,
  readBatchOutcomes,
  waitForBatchJob,
} from "./batch-inference";
export { type CreateBedrockClientOptions, createBedrockClient } from "./bedrock-client";
export {
  type CreateDeploymentInput,
  createDeployment,
  type DeploymentDetails,
  DeploymentWaitError,
  deleteDeployment,
  findDeployment,
  listDeployments,
  tagResource,
  updateDeployment,
  type WaitForDeploymentOptions,
  waitForDeployment,
} from "./bedrock-deployments";
export {
  type BedrockErrorContext,
  BedrockJobError,
  type BedrockOperation,
  explainBedrockError,
} from "./bedrock-errors";
export {
  createJob,
  findJob,
  findJobsByName,
  getJob,
  type JobDetails,
  jobTags,
  type ListJobsByTagOptions,
  listJobsByTag,
  stopJob,
  type WaitForJobOptions,
  waitForJob,
} from "./bedrock-jobs";
export {
  type ConverseBody,
  type ConverseSettings,
  type CreateBedrockRuntimeClientOptions,
  converseAnswer,
  converseAsker,
  converseErrorKind,
  converseInput,
  createBedrockRuntimeClient,
} from "./bedrock-runtime";
export {
  DEFAULT_PART_SIZE,
  DEFAULT_QUEUE_SIZE,
  type ExistingObject,
  MIN_PART_SIZE,
  SHA256_METADATA_KEY,
  type UploadDatasetInput,
  type UploadDatasetResult,
  type UploadProgress,
  uploadDataset,
} from "./dataset-upload";
export {
  type JobMetrics,
  JobOutputError,
  jobIdFromArn,
  jobOutputLocation,
  type MetricsObject,
  readJobMetrics,
  TRAINING_METRICS_FILE,
  VALIDATION_METRICS_FILE,
} from "./job-output";
export { markJobReported, REPORTED_TAG, reportedStatus } from "./job-report-tag";
export { type JobSeries, MAX_SERIES_FILES, readJobSeries, type SeriesObject } from "./job-series";
export {
  type CreateLambdaClientOptions,
  createLambdaClient,
  type LambdaGrader,
  lambdaArnRegion,
  lambdaGrader,
} from "./lambda-grader";
export {
  type CommitmentTerm,
  type CreateProvisionedRequest,
  createProvisioned,
  deleteProvisioned,
  findProvisioned,
  listProvisioned,
  type ProvisionedThroughput,
  waitForProvisioned,
} from "./provisioned-throughput";
export { type CreateS3ClientOptions, createS3Client } from "./s3-client";
export {
  explainS3Error,
  type MultipartAbort,
  S3DatasetError,
  type S3ErrorContext,
  type S3Operation,
} from "./s3-errors";
export {
  assertBedrockS3Uri,
  BEDROCK_S3_URI_MAX_LENGTH,
  BEDROCK_S3_URI_PATTERN,
  checkBedrockS3Uri,
  InvalidS3UriError,
  parseS3Uri,
  type S3UriCheck,
  type S3UriProblem,
} from "./s3-uri";
export {
  type DatasetFiles,
  hashDatasets,
  type LaunchInput,
  type LaunchResult,
  launchTrainingJob,
  planTrainingJob,
} from "./training-launch";
export {
  type ConfiguredModel,
  type PreparedTraining,
  type PrepareOptions,
  prepareTraining,
  type TrainingTarget,
  trainingTarget,
} from "./training-prepare";
