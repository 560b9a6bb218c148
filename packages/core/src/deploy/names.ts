/**
 * What tunegate names, tags and tokens its custom model deployments with. Everything is derived from
 * the job (its id) and the model's `deploy.name`, so a re-run after a crash finds what an earlier run
 * made instead of making it again.
 */

/** AWS's `ModelDeploymentName`: letters and digits, a single `-` or `_` between them, 1 to 63. */
export const DEPLOYMENT_NAME_PATTERN = /^([0-9a-zA-Z][_-]?){1,63}$/;
export const DEPLOYMENT_NAME_MAX = 63;

/** Tags on deployments and on the custom models tunegate deploys (besides the jobs' own tags). */
export const DEPLOY_TAG = {
  /** On a deployment: "candidate" or "production". */
  role: "tunegate:deployment-role",
  /** On a deployment: the job whose model it was made for. */
  job: "tunegate:job",
  /** On a custom model: the decision taken for it ("promoted", "kept", "report-only"). */
  decision: "tunegate:deploy-decision",
  /** On a custom model: the headline score of the decision, its metric and what it was compared with. */
  score: "tunegate:deploy-score",
  againstScore: "tunegate:deploy-against-score",
  against: "tunegate:deploy-against",
  metric: "tunegate:deploy-metric",
  /** On a custom model: the gate that kept production, e.g. "max-regression 0". */
  gate: "tunegate:deploy-gate",
  /** On a custom model: when production was pointed at it. */
  promotedAt: "tunegate:promoted-at",
  /** On a custom model: the model production served before it was promoted (the rollback target). */
  replaced: "tunegate:replaced-model",
  /** On a custom model: when a rollback moved production away from it. */
  rolledBackAt: "tunegate:rolled-back-at",
} as const;

/** The 12-character id at the end of a job ARN (or the name when it is not an ARN). */
export function jobIdOf(jobArnOrName: string): string {
  const id = jobArnOrName.slice(jobArnOrName.lastIndexOf("/") + 1);
  return id.replace(/[^a-zA-Z0-9]/g, "").slice(-40) || "job";
}

/**
 * The candidate deployment of a job's model: the production name cut to leave room for the job id.
 * A cut never ends in `-` or `_`, which the name pattern forbids before the separator.
 */
export function candidateName(deploymentName: string, jobId: string): string {
  const suffix = `-c${jobId}`.slice(0, 20);
  const head = deploymentName.slice(0, DEPLOYMENT_NAME_MAX - suffix.length).replace(/[-_]+$/, "");
  return `${head}${suffix}`;
}

/** Client request tokens (pattern `[a-zA-Z0-9]([-a-zA-Z0-9]{0,254}[a-zA-Z0-9])?`), one per job and purpose. */
export function deploymentToken(purpose: "candidate" | "production", jobId: string): string {
  return `tunegate-${purpose}-${jobId}`;
}

/** The on-demand id of a base model (the customization id without its context-length suffix). */
export function onDemandBaseId(baseModelId: string): string {
  return baseModelId.replace(/:\d+k$/, "");
}
