// Custom model deployments (on-demand serving of a custom model): Creating, then Active after a
// (virtual) delay; an update swaps the model behind the same ARN once it completes, and the runtime
// stand-in invokes a deployment by ARN, answering for the model it serves at that moment.
import { resourceId } from "../../ids.js";
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import { containsIgnoringCase, type ListQuery, listPage } from "../listing.js";
import { type DeploymentRecord, fingerprint, type Tag } from "../state.js";
import { checkTagCount, type HandlerContext, notFound, validation } from "./common.js";

interface CreateDeploymentInput {
  readonly modelDeploymentName: string;
  readonly modelArn: string;
  readonly description?: string;
  readonly tags?: readonly Tag[];
  readonly clientRequestToken?: string;
}

interface ListDeploymentsInput {
  readonly createdBefore?: Date;
  readonly createdAfter?: Date;
  readonly nameContains?: string;
  readonly maxResults?: number;
  readonly nextToken?: string;
  readonly sortOrder?: string;
  readonly statusEquals?: string;
  readonly modelArnEquals?: string;
}

function deploymentView(record: DeploymentRecord): Record<string, unknown> {
  return {
    customModelDeploymentArn: record.deploymentArn,
    modelDeploymentName: record.deploymentName,
    modelArn: record.modelArn,
    createdAt: record.creationTime,
    status: record.status,
    description: record.description,
    updateDetails: record.updateDetails ? { ...record.updateDetails } : undefined,
    lastUpdatedAt: record.lastUpdatedAt,
  };
}

export function deploymentHandlers(context: HandlerContext): Record<string, OperationHandler> {
  const { state, scheduler, region, accountId } = context;

  function requireDeployment(identifier: string): DeploymentRecord {
    const record = state.findDeployment(identifier);
    if (!record) throw notFound(`Could not find custom model deployment ${identifier}`);
    return record;
  }

  /** The custom model to serve; its base must be one AWS serves on demand. */
  function servableModel(modelArn: string) {
    const model = state.findCustomModel(modelArn);
    if (!model || model.modelArn !== modelArn) throw notFound(`Could not find model ${modelArn}`);
    if (!model.job.baseModel.onDemandDeployment) {
      // Unconfirmed wording; AWS documents on-demand deployment for Nova and Llama 3.3 custom models only.
      throw validation(
        `The base model ${model.job.baseModel.id} of ${modelArn} does not support on-demand custom model deployment.`,
      );
    }
    return model;
  }

  return {
    CreateCustomModelDeployment: typed<CreateDeploymentInput>((input) => {
      const requestFingerprint = fingerprint(input);
      if (input.clientRequestToken !== undefined) {
        const earlier = state.deployments.find(
          (record) => record.clientRequestToken === input.clientRequestToken,
        );
        if (earlier?.requestFingerprint === requestFingerprint)
          return { customModelDeploymentArn: earlier.deploymentArn };
        if (earlier) {
          throw validation(
            `The clientRequestToken ${input.clientRequestToken} was already used for a different request.`,
          );
        }
      }
      servableModel(input.modelArn);
      if (state.findDeployment(input.modelDeploymentName)) {
        throw validation(`A custom model deployment named ${input.modelDeploymentName} already exists.`);
      }
      const deploymentArn = `arn:aws:bedrock:${region}:${accountId}:custom-model-deployment/${resourceId()}`;
      checkTagCount(deploymentArn, input.tags?.length ?? 0);
      const now = scheduler.date();
      const record: DeploymentRecord = {
        deploymentArn,
        deploymentName: input.modelDeploymentName,
        clientRequestToken: input.clientRequestToken,
        requestFingerprint,
        description: input.description,
        modelArn: input.modelArn,
        creationTime: now,
        lastUpdatedAt: now,
        status: "Creating",
        updateDetails: undefined,
        tags: [...(input.tags ?? [])],
      };
      state.deployments.push(record);
      scheduler.run(async () => {
        await scheduler.sleepUntil(now.getTime() + context.deploymentDurationMs);
        if (record.status !== "Creating" || !state.deployments.includes(record)) return;
        record.status = "Active";
        record.lastUpdatedAt = scheduler.date();
      });
      return { customModelDeploymentArn: deploymentArn };
    }),

    GetCustomModelDeployment: typed<{ customModelDeploymentIdentifier: string }>((input) =>
      deploymentView(requireDeployment(input.customModelDeploymentIdentifier)),
    ),

    ListCustomModelDeployments: typed<ListDeploymentsInput>((input) => {
      const query: ListQuery = {
        creationTimeAfter: input.createdAfter,
        creationTimeBefore: input.createdBefore,
        sortOrder: input.sortOrder,
        maxResults: input.maxResults,
        nextToken: input.nextToken,
      };
      const page = listPage(
        state.deployments,
        query,
        (record) =>
          (input.statusEquals === undefined || record.status === input.statusEquals) &&
          (input.modelArnEquals === undefined || record.modelArn === input.modelArnEquals) &&
          containsIgnoringCase(record.deploymentName, input.nameContains),
      );
      return {
        nextToken: page.nextToken,
        modelDeploymentSummaries: page.items.map((record) => ({
          customModelDeploymentArn: record.deploymentArn,
          customModelDeploymentName: record.deploymentName,
          modelArn: record.modelArn,
          createdAt: record.creationTime,
          status: record.status,
          lastUpdatedAt: record.lastUpdatedAt,
        })),
      };
    }),

    UpdateCustomModelDeployment: typed<{ customModelDeploymentIdentifier: string; modelArn: string }>(
      (input) => {
        const record = requireDeployment(input.customModelDeploymentIdentifier);
        const model = servableModel(input.modelArn);
        // Unconfirmed wording for both refusals.
        if (record.status !== "Active") {
          throw validation(
            `The custom model deployment ${record.deploymentName} is ${record.status}, not Active.`,
          );
        }
        if (record.updateDetails?.updateStatus === "Updating") {
          throw validation(`The custom model deployment ${record.deploymentName} is already being updated.`);
        }
        const serving = state.findCustomModel(record.modelArn);
        if (serving && serving.job.baseModel.id !== model.job.baseModel.id) {
          throw validation(
            `The model ${input.modelArn} is customized from ${model.job.baseModel.id}; the deployment serves a model of ${serving.job.baseModel.id}.`,
          );
        }
        const now = scheduler.date();
        const update = { modelArn: input.modelArn, updateStatus: "Updating" as const };
        record.updateDetails = update;
        record.lastUpdatedAt = now;
        scheduler.run(async () => {
          await scheduler.sleepUntil(now.getTime() + context.deploymentDurationMs);
          if (record.updateDetails !== update || !state.deployments.includes(record)) return;
          // The swap: invocations of the same ARN answer with the new model from here on.
          record.modelArn = update.modelArn;
          record.updateDetails = { modelArn: update.modelArn, updateStatus: "UpdateCompleted" };
          record.lastUpdatedAt = scheduler.date();
        });
        return { customModelDeploymentArn: record.deploymentArn };
      },
    ),

    DeleteCustomModelDeployment: typed<{ customModelDeploymentIdentifier: string }>((input) => {
      const record = requireDeployment(input.customModelDeploymentIdentifier);
      state.deployments.splice(state.deployments.indexOf(record), 1);
      return {};
    }),
  };
}
