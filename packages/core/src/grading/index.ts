export {
  type CheckedBatch,
  checkGraderOutcome,
  GRADE_RULES,
  type GradeCheckOptions,
  type GraderOutcome,
  type GraderScore,
  graderReplySchema,
  type InvokeGrader,
  recordName,
} from "./reply";
export {
  type GraderMessage,
  type GraderRequestItem,
  type GradeSample,
  gradeSampleOf,
  invocationBatches,
  LAMBDA_SYNC_PAYLOAD_BYTES,
  referenceReply,
  type SampleOptions,
} from "./request";
