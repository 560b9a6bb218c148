// Provisioned throughputs: Creating, then InService after a (virtual) delay; the runtime stand-in
// invokes them by ARN. Inputs arrive checked against the Smithy model; these handlers add the
// service's own rules: the model must exist, a Legacy base model takes no new throughput
// (model-lifecycle-legacy.html), names are unique, a token replays its request, and a commitment term
// sets the expiration Get and List report.
import { resourceId } from "../../ids.js";
import { type OperationHandler, typedHandler as typed } from "../../smithy/server.js";
import { type BaseModelSpec, findBaseModel } from "../catalog.js";
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

const COMMITMENT_MONTHS: Readonly<Record<string, number>> = { OneMonth: 1, SixMonths: 6 };

function provisionedView(record: ProvisionedRecord): Record<string, unknown> {
  const months = COMMITMENT_MONTHS[record.commitmentDuration ?? ""] ?? 0;
  const expiration = new Date(record.creationTime);
  expiration.setUTCMonth(expiration.getUTCMonth() + months);
  return {
    modelUnits: record.modelUnits,
    desiredModelUnits: record.modelUnits,
    provisionedModelName: record.provisionedModelName,
    provisionedModelArn: record.provisionedModelArn,
    modelArn: record.modelArn,
    desiredModelArn: record.desiredModelArn ?? record.modelArn,
    foundationModelArn: record.foundationModelArn,
    status: record.status,
    failureMessage: record.failureMessage,
    creationTime: record.creationTime,
    lastModifiedTime: record.lastModifiedTime,
    commitmentDuration: record.commitmentDuration,
    commitmentExpirationTime: months > 0 ? expiration : undefined,
  };
}

export function provisionedHandlers(context: HandlerContext): Record<string, OperationHandler> {
  const { state, scheduler, region, accountId } = context;
  const foundationArn = (id: string) => foundationModelArn(context, id);

  // Unconfirmed wording; the lifecycle page says a Legacy model takes no new Provisioned Throughput.
  function refuseLegacy(base: BaseModelSpec | undefined): void {
    if (base && context.lifecycleOf(base).status === "LEGACY") {
      throw validation(
        `The base model ${base.id} is in Legacy state in ${region}: new Provisioned Throughput cannot be created for it or for models customized from it.`,
      );
    }
  }

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
      refuseLegacy(custom ? custom.job.baseModel : foundation);
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
        desiredModelArn: undefined,
        failureMessage: undefined,
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
        provisionedModelSummaries: page.items.map((record) => {
          const { failureMessage: _notInSummary, ...summary } = provisionedView(record);
          return summary;
        }),
      };
    }),

    UpdateProvisionedModelThroughput: typed<{
      provisionedModelId: string;
      desiredProvisionedModelName?: string;
      desiredModelId?: string;
    }>((input) => {
      const record = state.findProvisioned(input.provisionedModelId);
      if (!record) throw notFound(`Could not find provisioned model ${input.provisionedModelId}`);
      // Unconfirmed wording for both refusals.
      if (record.status !== "InService") {
        throw validation(
          `The provisioned model ${record.provisionedModelName} is ${record.status}; only an InService one can be updated.`,
        );
      }
      const desired =
        input.desiredModelId === undefined ? undefined : state.findCustomModel(input.desiredModelId);
      if (
        input.desiredModelId !== undefined &&
        (!desired || desired.job.baseModelArn !== record.foundationModelArn)
      ) {
        throw validation("The desired model must be a custom model customized from the same base model.");
      }
      const name = input.desiredProvisionedModelName;
      if (name !== undefined && name !== record.provisionedModelName) {
        if (state.findProvisioned(name))
          throw validation("The provided provisioned model name is currently in use.");
        record.provisionedModelName = name;
      }
      record.lastModifiedTime = scheduler.date();
      if (desired && desired.modelArn !== record.modelArn) {
        record.status = "Updating";
        record.desiredModelArn = desired.modelArn;
        const since = scheduler.now();
        scheduler.run(async () => {
          await scheduler.sleepUntil(since + context.provisionedDurationMs);
          if (record.status !== "Updating" || !state.provisioned.includes(record)) return;
          record.modelArn = desired.modelArn;
          record.desiredModelArn = undefined;
          record.status = "InService";
          record.lastModifiedTime = scheduler.date();
        });
      }
      return {};
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
