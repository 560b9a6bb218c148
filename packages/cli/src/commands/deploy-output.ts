import { decisionHeadline } from "@tunegate/core";
import type { DeploymentStatus } from "@tunegate/usecases";

/** `tunegate deploy status` as text. */
export function describeDeployment(status: DeploymentStatus, region: string): string {
  const lines: string[] = [];
  const p = status.production;
  if (!p) {
    lines.push(
      `${status.deploymentName}: no deployment in ${region} yet (the report action creates it on the first promotion).`,
    );
  } else {
    lines.push(
      `${status.deploymentName} (${p.status}) in ${region}`,
      `  ARN:     ${p.arn}`,
      `  serves:  ${p.modelArn}`,
    );
    if (p.update?.status === "Updating") lines.push(`  updating to ${p.update.modelArn}`);
    if (status.decision) lines.push(`  decision: ${decisionHeadline(status.decision)}`);
    if (status.promotedAt) lines.push(`  promoted: ${status.promotedAt}`);
    lines.push(`  rollback: ${status.rollbackTo ?? "none (the first model promoted here)"}`);
  }
  for (const c of status.candidates)
    lines.push(`candidate left: ${c.name} (${c.status}) serving ${c.modelArn}`);
  return `${lines.join("\n")}\n`;
}
