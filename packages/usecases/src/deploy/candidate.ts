import type { BedrockClient } from "@aws-sdk/client-bedrock";
import {
  createDeployment,
  type DeploymentDetails,
  deleteDeployment,
  findDeployment,
  type WaitForDeploymentOptions,
  waitForDeployment,
} from "@tunegate/aws";
import { candidateName, DEPLOY_TAG, deploymentToken, type JobTag, UserError } from "@tunegate/core";

export interface CandidateSpec {
  bedrock: BedrockClient;
  deploymentName: string;
  jobName: string;
  jobId: string;
  modelArn: string;
  tags: readonly JobTag[];
  wait?: WaitForDeploymentOptions;
  log: (message: string) => void;
}

/**
 * The candidate deployment of a job's model, found by its name (derived from the job) or created with
 * a token derived from the job, and waited on until it is Active: a re-run finds the same one.
 */
export async function readyCandidate(spec: CandidateSpec): Promise<DeploymentDetails> {
  const { bedrock, modelArn } = spec;
  const name = candidateName(spec.deploymentName, spec.jobId);
  let candidate = await findDeployment(bedrock, name);
  if (candidate && candidate.modelArn !== modelArn) {
    throw new UserError(
      `A deployment named ${name} already serves ${candidate.modelArn}, not ${modelArn} (the model of ${spec.jobName}).`,
      {
        fix: `delete it (aws bedrock delete-custom-model-deployment --custom-model-deployment-identifier ${name}) and run the report again.`,
      },
    );
  }
  if (!candidate) {
    spec.log(`Creating the candidate deployment ${name} for ${modelArn}.`);
    const arn = await createDeployment(bedrock, {
      name,
      modelArn,
      description: `Candidate for evaluation of ${spec.jobName}, managed by tunegate; deleted after the decision`,
      tags: [
        ...spec.tags,
        { key: DEPLOY_TAG.role, value: "candidate" },
        { key: DEPLOY_TAG.job, value: spec.jobName },
      ],
      clientRequestToken: deploymentToken("candidate", spec.jobId),
    });
    candidate = { arn, name, status: "Creating", modelArn };
  }
  return waitForDeployment(bedrock, candidate.arn, spec.wait);
}

/** Deletes the candidate if it is still there; says whether this call deleted it. */
export function removeCandidate(
  bedrock: BedrockClient,
  deploymentName: string,
  jobId: string,
): Promise<boolean> {
  return deleteDeployment(bedrock, candidateName(deploymentName, jobId));
}
