// Provisioned throughputs: Creating, then InService after a (virtual) delay; the runtime stand-in
// invokes them by ARN.
import { resourceId } from "../../ids.js";
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import { findBaseModel } from "../catalog.js";
import { containsIgnoringCase, type ListQuery, listPage } from "../listing.js";
import { fingerprint, type ProvisionedRecord, type Tag } from "../state.js";
import { checkTagCount, foundationModelArn, type HandlerContext, notFound, validation } from "./common.js";

interface CreateProvisionedInput {
  readonly clientRequestToken?: string;
  readonly modelUnits: number;
  readonly provisionedModelName: string;
  readonly modelId: string;
  readonly commitmentDuration?: string;
  readonly tags?: readonly Tag[];
}

interface ListProvisionedInput extends ListQuery {
  readonly statusEquals?: string;
  readonly modelArnEquals?: string;
  readonly nameContains?: string;
}

function provisionedView(record: ProvisionedRecord): Record<string, unknown> {
  const months =
    record.commitmentDuration === "SixMonths" ? 6 : record.commitmentDuration === "OneMonth" ? 1 : 0;
  const expiration = new Date(record.creationTime);
  expiration.setUTCMonth(expiration.getUTCMonth() + months);
  return {
    modelUnits: record.modelUnits,
    desiredModelUnits: record.modelUnits,
    provisionedModelName: record.provisionedModelName,
    provisionedModelArn: record.provisionedModelArn,
    modelArn: record.modelArn,
    desiredModelArn: record.modelArn,
    foundationModelArn: record.foundationModelArn,
    status: record.status,
    creationTime: record.creationTime,
    lastModifiedTime: record.lastModifiedTime,
    commitmentDuration: record.commitmentDuration,
    commitmentExpirationTime: months > 0 ? expiration : undefined,
  };
}

export function provisionedHandlers(context: HandlerContext): Record<string, OperationHandler> {
  const { state, scheduler, region, accountId } = context;
  const foundationArn = (id: string) => foundationModelArn(context, id);

  return {
    CreateProvisionedModelThroughput: typed<CreateProvisionedInput>((input) => {
      const requestFingerprint = fingerprint(input);
      if (input.clientRequestToken !== undefined) {
        const earlier = state.provisioned.find(
          (record) => record.clientRequestToken === input.clientRequestToken,
        );
        if (earlier?.requestFingerprint === requestFingerprint)
          return { provisionedModelArn: earlier.provisionedModelArn };
        if (earlier) {
          throw validation(
            `The clientRequestToken ${input.clientRequestToken} was already used for a different request.`,
          );
        }
      }
      const custom = state.findCustomModel(input.modelId);
      const foundation = custom ? undefined : findBaseModel(context.catalog, input.modelId);
      if (!custom && !foundation) {
        throw notFound(`Could not find model ${input.modelId}`);
      }
      if (state.findProvisioned(input.provisionedModelName)) {
        throw validation("The provided provisioned model name is currently in use.");
      }
      const provisionedModelArn = `arn:aws:bedrock:${region}:${accountId}:provisioned-model/${resourceId()}`;
      checkTagCount(provisionedModelArn, input.tags?.length ?? 0);
      const now = scheduler.date();
      const record: ProvisionedRecord = {
        provisionedModelArn,
        provisionedModelName: input.provisionedModelName,
        clientRequestToken: input.clientRequestToken,
        requestFingerprint,
        modelArn: custom ? custom.modelArn : foundationArn(foundation?.id ?? input.modelId),
        foundationModelArn: custom ? custom.job.baseModelArn : foundationArn(foundation?.id ?? input.modelId),
        modelUnits: input.modelUnits,
        commitmentDuration: input.commitmentDuration,
        creationTime: now,
        lastModifiedTime: now,
        status: "Creating",
        tags: [...(input.tags ?? [])],
      };
      state.provisioned.push(record);
      scheduler.run(async () => {
        await scheduler.sleepUntil(now.getTime() + context.provisionedDurationMs);
        if (record.status !== "Creating" || !state.provisioned.includes(record)) return;
        record.status = "InService";
        record.lastModifiedTime = scheduler.date();
      });
      return { provisionedModelArn };
    }),

    GetProvisionedModelThroughput: typed<{ provisionedModelId: string }>((input) => {
      const record = state.findProvisioned(input.provisionedModelId);
      if (!record) {
        throw notFound(`Could not find provisioned model ${input.provisionedModelId}`);
      }
      return provisionedView(record);
    }),

    ListProvisionedModelThroughputs: typed<ListProvisionedInput>((input) => {
      const page = listPage(
        state.provisioned,
        input,
        (record) =>
          (input.statusEquals === undefined || record.status === input.statusEquals) &&
          (input.modelArnEquals === undefined || record.modelArn === input.modelArnEquals) &&
          containsIgnoringCase(record.provisionedModelName, input.nameContains),
      );
      return {
        nextToken: page.nextToken,
        provisionedModelSummaries: page.items.map(provisionedView),
      };
    }),

    DeleteProvisionedModelThroughput: typed<{ provisionedModelId: string }>((input) => {
      const record = state.findProvisioned(input.provisionedModelId);
      if (!record) {
        throw notFound(`Could not find provisioned model ${input.provisionedModelId}`);
      }
      state.provisioned.splice(state.provisioned.indexOf(record), 1);
      return {};
    }),
  };
}
