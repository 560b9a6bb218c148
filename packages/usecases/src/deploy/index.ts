export { type DeployJobOptions, type DeployJobResult, deployJobModel } from "./deploy-job";
export {
  type ApplyOptions,
  type DeploymentStatus,
  deploymentStatus,
  planRollback,
  promoteJobModel,
  promotionCandidate,
  type RollbackPlan,
  rollBack,
} from "./manage";
export { type PromotionResult, promoteModel } from "./promotion";
