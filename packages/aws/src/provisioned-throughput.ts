/**
 * Provisioned Throughput calls (CreateProvisionedModelThroughput and the rest), with Bedrock's errors
 * turned into messages with their fix. A throughput bills by the hour from creation until it is
 * deleted, so deletion treats "already gone" as done: a re-run after a crash must not fail on it.
 */
import {
  type BedrockClient,
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand,
  type GetProvisionedModelThroughputCommandOutput,
  ListProvisionedModelThroughputsCommand,
  type ProvisionedModelSummary,
} from "@aws-sdk/client-bedrock";
import type { JobTag } from "@tunegate/core";
import { type BackoffOptions, pollWithBackoff } from "./backoff";
import { type BedrockOperation, explainBedrockError } from "./bedrock-errors";

export type CommitmentTerm = "OneMonth" | "SixMonths";

export interface ProvisionedThroughput {
  arn: string;
  name: string;
  modelArn: string;
  foundationModelArn?: string | undefined;
  modelUnits: number;
  /** Creating, InService, Updating or Failed. */
  status: string;
  failureMessage?: string | undefined;
  commitment?: string | undefined;
  commitmentExpires?: Date | undefined;
  creationTime?: Date | undefined;
}

export interface CreateProvisionedRequest {
  name: string;
  modelArn: string;
  modelUnits: number;
  /** Absent: no commitment, deletable at any time. */
  commitment?: CommitmentTerm | undefined;
  tags: readonly JobTag[];
  /** Makes a retried create return the same throughput. */
  clientRequestToken: string;
}

async function call<T>(
  client: BedrockClient,
  operation: BedrockOperation,
  send: () => Promise<T>,
  jobIdentifier?: string,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const region = await client.config.region().catch(() => undefined);
    throw explainBedrockError(error, { operation, region, jobIdentifier });
  }
}

function view(
  out: GetProvisionedModelThroughputCommandOutput | ProvisionedModelSummary,
): ProvisionedThroughput {
  return {
    arn: out.provisionedModelArn ?? "",
    name: out.provisionedModelName ?? "",
    modelArn: out.modelArn ?? "",
    foundationModelArn: out.foundationModelArn,
    modelUnits: out.modelUnits ?? 0,
    status: out.status ?? "Creating",
    failureMessage: "failureMessage" in out ? out.failureMessage : undefined,
    commitment: out.commitmentDuration,
    commitmentExpires: out.commitmentExpirationTime,
    creationTime: out.creationTime,
  };
}

export async function createProvisioned(
  client: BedrockClient,
  request: CreateProvisionedRequest,
): Promise<{ arn: string }> {
  const out = await call(client, "CreateProvisionedModelThroughput", () =>
    client.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: request.name,
        modelId: request.modelArn,
        modelUnits: request.modelUnits,
        ...(request.commitment ? { commitmentDuration: request.commitment } : {}),
        tags: request.tags.map((t) => ({ key: t.key, value: t.value })),
        clientRequestToken: request.clientRequestToken,
      }),
    ),
  );
  if (!out.provisionedModelArn) throw new Error("CreateProvisionedModelThroughput answered without an ARN");
  return { arn: out.provisionedModelArn };
}

/** One throughput by name or ARN; undefined when Bedrock knows none. */
export async function findProvisioned(
  client: BedrockClient,
  identifier: string,
): Promise<ProvisionedThroughput | undefined> {
  try {
    const out = await call(
      client,
      "GetProvisionedModelThroughput",
      () => client.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: identifier })),
      identifier,
    );
    return view(out);
  } catch (error) {
    if ((error as { code?: string }).code === "ResourceNotFoundException") return undefined;
    throw error;
  }
}

/** Every throughput serving `modelArn` and/or whose name contains `nameContains`, newest first. */
export async function listProvisioned(
  client: BedrockClient,
  filter: { modelArn?: string; nameContains?: string },
): Promise<ProvisionedThroughput[]> {
  const found: ProvisionedThroughput[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(client, "ListProvisionedModelThroughputs", () =>
      client.send(
        new ListProvisionedModelThroughputsCommand({
          ...(filter.modelArn ? { modelArnEquals: filter.modelArn } : {}),
          ...(filter.nameContains ? { nameContains: filter.nameContains } : {}),
          sortBy: "CreationTime",
          sortOrder: "Descending",
          maxResults: 100,
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    for (const summary of page.provisionedModelSummaries ?? []) found.push(view(summary));
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

/** Deletes a throughput; "deleted" also when it was already gone (a re-run). */
export async function deleteProvisioned(
  client: BedrockClient,
  identifier: string,
): Promise<"deleted" | "already gone"> {
  try {
    await call(
      client,
      "DeleteProvisionedModelThroughput",
      () => client.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: identifier })),
      identifier,
    );
    return "deleted";
  } catch (error) {
    if ((error as { code?: string }).code === "ResourceNotFoundException") return "already gone";
    throw error;
  }
}

/** Waits until a throughput is InService or Failed (or gone: undefined), within the timeout. */
export function waitForProvisioned(
  client: BedrockClient,
  identifier: string,
  options: BackoffOptions,
): Promise<ProvisionedThroughput | undefined> {
  return pollWithBackoff(
    () => findProvisioned(client, identifier),
    (pt) => pt === undefined || pt.status === "InService" || pt.status === "Failed",
    options,
  );
}
