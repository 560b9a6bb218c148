import { type DeployDecision, decisionHeadline } from "../deploy/decision";
import { safeCode, safeInline } from "./markdown-safe";

/** What the report did about serving a job's model, for its comment. */
export interface DeployView {
  /** The model's name in tunegate.yml (for the rollback command). */
  modelName: string;
  jobName: string;
  /** The production deployment's name (`deploy.name`). */
  deploymentName: string;
  decision?: DeployDecision;
  /** The decision was read back from the model's tags: an earlier run evaluated and decided. */
  decidedEarlier?: boolean;
  /** The production deployment after this run, when there is one. */
  production?: { arn: string; modelArn: string; status: string };
  /** The model a rollback would point production back at. */
  rollbackTo?: string;
  /** The candidate deployment of this job's model. */
  candidate: { name: string; arn?: string; deleted: boolean };
  /** Why nothing was decided (no evaluation set...), when nothing was. */
  skipped?: string;
  /** The error that stopped the run halfway; a re-run goes on from there. */
  interrupted?: string;
}

const ICON: Record<DeployDecision["outcome"], string> = {
  promoted: "🚀",
  kept: "🛑",
  "report-only": "📋",
};

/** The comment's "Deployment" section: the decision, what production serves, how to roll back. */
export function renderDeploySection(view: DeployView): string {
  const lines = ["#### Deployment", ""];
  if (view.decision) {
    // Figures and fixed words only (a tagged gate is read back in its own shape), so no escaping.
    lines.push(`${ICON[view.decision.outcome]} **${decisionHeadline(view.decision)}**`);
    if (view.decidedEarlier) {
      lines.push("", "_Decided by an earlier run for this job; the figures are from its evaluation._");
    }
  } else if (view.skipped) {
    lines.push(`⚪ Not deployed: ${safeInline(view.skipped, 500)}`);
  }
  if (view.interrupted) {
    lines.push(
      `⚠️ Not finished: ${safeInline(view.interrupted, 600)} Run the report again for this job: it goes on from here and creates nothing twice.`,
    );
  }
  const rows: [string, string][] = [];
  if (view.production) {
    rows.push(
      ["Production", `${safeCode(view.deploymentName, 80)} (${safeInline(view.production.status, 20)})`],
      ["Deployment ARN", safeCode(view.production.arn, 120)],
      ["Serves", safeCode(view.production.modelArn, 160)],
    );
  } else {
    rows.push(["Production", `${safeCode(view.deploymentName, 80)}: not created yet`]);
  }
  const candidate = view.candidate.arn
    ? safeCode(view.candidate.arn, 120)
    : safeCode(view.candidate.name, 80);
  rows.push(["Candidate", `${candidate}: ${view.candidate.deleted ? "deleted" : "still exists"}`]);
  lines.push("", "| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`));
  if (view.production && view.rollbackTo) {
    lines.push(
      "",
      `Roll back: \`npx tunegate deploy rollback ${view.modelName}\` points ${safeCode(view.deploymentName, 80, false)} back at ${safeCode(view.rollbackTo, 160, false)}.`,
    );
  } else if (view.production && view.decision?.outcome === "promoted") {
    lines.push(
      "",
      `Roll back: this is the first model ${safeCode(view.deploymentName, 80, false)} serves; to stop serving it, delete the deployment (\`aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${view.deploymentName}\`).`,
    );
  }
  return lines.join("\n");
}

/** "What next" once the model is served on demand: no Provisioned Throughput to buy. */
export function deployNextSteps(view: DeployView): string[] {
  if (view.interrupted) return ["Run the report again for this job to finish the deployment step."];
  if (view.decision?.outcome === "promoted") {
    return [
      `Applications invoke the production deployment's ARN as the \`modelId\` of Converse or InvokeModel; it is billed per token, with no hourly charge. \`npx tunegate deploy status ${view.modelName}\` shows what it serves.`,
    ];
  }
  return [
    `Production is unchanged. To put this model in production anyway: \`npx tunegate deploy promote ${view.modelName} --job ${view.jobName}\`.`,
  ];
}
