import type { BedrockClient } from "@aws-sdk/client-bedrock";
import {
  createDeployment,
  type DeploymentDetails,
  findDeployment,
  jobTags,
  tagResource,
  updateDeployment,
  type WaitForDeploymentOptions,
  waitForDeployment,
} from "@tunegate/aws";
import { DEPLOY_TAG, deploymentToken, type JobTag } from "@tunegate/core";
import type { Clock } from "../ports";

/** What pointing production at a model needs: where, which model, and how to tag and name things. */
export interface PromotionTarget {
  bedrock: BedrockClient;
  /** The production deployment's name (`deploy.name`). */
  deploymentName: string;
  /** The custom model to serve. */
  modelArn: string;
  /** Tags a production deployment is created with (the job's, with the deployment role). */
  tags: readonly JobTag[];
  /** The id that makes the first creation's client request token (the job's id, or the model's). */
  tokenId: string;
  wait?: WaitForDeploymentOptions;
  clock: Clock;
  log: (message: string) => void;
}

export interface PromotionResult {
  production: DeploymentDetails;
  /** The model production served before (absent the first time): the rollback target. */
  replaced?: string;
  created: boolean;
}

const tagOf = (tags: readonly JobTag[], key: string) => tags.find((t) => t.key === key)?.value;

/**
 * Points the production deployment at `modelArn`: UpdateCustomModelDeployment of the existing one, or
 * CreateCustomModelDeployment the first time, then waits until it serves the model. Each step checks
 * what is already done first, and the model it replaces is tagged on the new model before the swap,
 * so a re-run after a crash at any point finishes the same promotion without repeating a call.
 */
export async function promoteModel(target: PromotionTarget): Promise<PromotionResult> {
  const { bedrock, deploymentName, modelArn, log } = target;
  const modelTags = await jobTags(bedrock, modelArn);
  let production = await findDeployment(bedrock, deploymentName);
  let created = false;
  if (!production) {
    log(`Creating the production deployment ${deploymentName} for ${modelArn}.`);
    const arn = await createDeployment(bedrock, {
      name: deploymentName,
      modelArn,
      description: `Production deployment of ${deploymentName}, managed by tunegate`,
      tags: [...target.tags, { key: DEPLOY_TAG.role, value: "production" }],
      clientRequestToken: deploymentToken("production", target.tokenId),
    });
    production = await waitForDeployment(bedrock, arn, { ...target.wait, modelArn });
    created = true;
  } else {
    // Whatever update is in flight (this promotion's, from a crashed run) is let finish first.
    production = await waitForDeployment(bedrock, production.arn, target.wait);
    if (production.modelArn !== modelArn) {
      if (tagOf(modelTags, DEPLOY_TAG.replaced) === undefined) {
        await tagResource(bedrock, modelArn, [{ key: DEPLOY_TAG.replaced, value: production.modelArn }]);
        modelTags.push({ key: DEPLOY_TAG.replaced, value: production.modelArn });
      }
      log(`Updating ${deploymentName} from ${production.modelArn} to ${modelArn}.`);
      await updateDeployment(bedrock, production.arn, modelArn);
      production = await waitForDeployment(bedrock, production.arn, { ...target.wait, modelArn });
    }
  }
  if (tagOf(modelTags, DEPLOY_TAG.promotedAt) === undefined) {
    await tagResource(bedrock, modelArn, [
      { key: DEPLOY_TAG.promotedAt, value: target.clock.now().toISOString() },
    ]);
  }
  const replaced = tagOf(modelTags, DEPLOY_TAG.replaced);
  return { production, created, ...(replaced ? { replaced } : {}) };
}
