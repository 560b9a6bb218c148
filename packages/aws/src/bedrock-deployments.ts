import {
  type BedrockClient,
  CreateCustomModelDeploymentCommand,
  DeleteCustomModelDeploymentCommand,
  GetCustomModelDeploymentCommand,
  type GetCustomModelDeploymentCommandOutput,
  ListCustomModelDeploymentsCommand,
  TagResourceCommand,
  UpdateCustomModelDeploymentCommand,
} from "@aws-sdk/client-bedrock";
import type { JobTag } from "@tunegate/core";
import { type BedrockErrorContext, type BedrockOperation, explainBedrockError } from "./bedrock-errors";

/** A custom model deployment (on-demand serving of a custom model), in the fields tunegate uses. */
export interface DeploymentDetails {
  arn: string;
  name: string;
  /** Creating, Active or Failed. */
  status: string;
  /** The custom model it serves now. */
  modelArn: string;
  /** The last update: the model it moves to, and Updating, UpdateCompleted or UpdateFailed. */
  update?: { modelArn: string; status: string } | undefined;
  failureMessage?: string | undefined;
  createdAt?: Date | undefined;
}

export interface CreateDeploymentInput {
  name: string;
  modelArn: string;
  description?: string;
  tags: readonly JobTag[];
  /** Makes a retried or repeated call return the same deployment. */
  clientRequestToken: string;
}

async function call<T>(
  client: BedrockClient,
  operation: BedrockOperation,
  identifier: string | undefined,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const context: BedrockErrorContext = {
      operation,
      region: await client.config.region().catch(() => undefined),
      jobIdentifier: identifier,
    };
    throw explainBedrockError(error, context);
  }
}

const isNotFound = (error: unknown) => (error as { code?: string }).code === "ResourceNotFoundException";

function details(out: GetCustomModelDeploymentCommandOutput): DeploymentDetails {
  return {
    arn: out.customModelDeploymentArn ?? "",
    name: out.modelDeploymentName ?? "",
    status: out.status ?? "Creating",
    modelArn: out.modelArn ?? "",
    update: out.updateDetails?.modelArn
      ? { modelArn: out.updateDetails.modelArn, status: out.updateDetails.updateStatus ?? "Updating" }
      : undefined,
    failureMessage: out.failureMessage,
    createdAt: out.createdAt,
  };
}

/** One deployment by name or ARN, or undefined when the service knows none. */
export async function findDeployment(
  client: BedrockClient,
  identifier: string,
): Promise<DeploymentDetails | undefined> {
  try {
    const out = await call(client, "GetCustomModelDeployment", identifier, () =>
      client.send(new GetCustomModelDeploymentCommand({ customModelDeploymentIdentifier: identifier })),
    );
    return details(out);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Deployments whose name contains `nameContains`, every page, newest first. */
export async function listDeployments(
  client: BedrockClient,
  nameContains: string,
): Promise<{ arn: string; name: string; status: string; modelArn: string }[]> {
  const found: { arn: string; name: string; status: string; modelArn: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(client, "ListCustomModelDeployments", undefined, () =>
      client.send(
        new ListCustomModelDeploymentsCommand({
          nameContains,
          sortBy: "CreationTime",
          sortOrder: "Descending",
          maxResults: 100,
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    for (const s of page.modelDeploymentSummaries ?? []) {
      if (!s.customModelDeploymentArn || !s.customModelDeploymentName) continue;
      found.push({
        arn: s.customModelDeploymentArn,
        name: s.customModelDeploymentName,
        status: s.status ?? "Creating",
        modelArn: s.modelArn ?? "",
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return found;
}

export async function createDeployment(client: BedrockClient, input: CreateDeploymentInput): Promise<string> {
  const out = await call(client, "CreateCustomModelDeployment", input.modelArn, () =>
    client.send(
      new CreateCustomModelDeploymentCommand({
        modelDeploymentName: input.name,
        modelArn: input.modelArn,
        ...(input.description ? { description: input.description } : {}),
        tags: input.tags.map((t) => ({ ...t })),
        clientRequestToken: input.clientRequestToken,
      }),
    ),
  );
  if (!out.customModelDeploymentArn) throw new Error("CreateCustomModelDeployment answered without an ARN");
  return out.customModelDeploymentArn;
}

/** Points a deployment at another custom model (same endpoint, same ARN). */
export async function updateDeployment(
  client: BedrockClient,
  identifier: string,
  modelArn: string,
): Promise<void> {
  await call(client, "UpdateCustomModelDeployment", identifier, () =>
    client.send(
      new UpdateCustomModelDeploymentCommand({ customModelDeploymentIdentifier: identifier, modelArn }),
    ),
  );
}

/** Deletes a deployment; false when it was already gone (a re-run deletes nothing twice). */
export async function deleteDeployment(client: BedrockClient, identifier: string): Promise<boolean> {
  try {
    await call(client, "DeleteCustomModelDeployment", identifier, () =>
      client.send(new DeleteCustomModelDeploymentCommand({ customModelDeploymentIdentifier: identifier })),
    );
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Adds tags to a deployment or custom model (existing keys take the new values). */
export async function tagResource(
  client: BedrockClient,
  arn: string,
  tags: readonly JobTag[],
): Promise<void> {
  if (tags.length === 0) return;
  await call(client, "TagResource", arn, () =>
    client.send(new TagResourceCommand({ resourceARN: arn, tags: tags.map((t) => ({ ...t })) })),
  );
}

export interface WaitForDeploymentOptions {
  /** Give up after this long (the deployment keeps going); default 30 minutes. */
  timeoutMs?: number;
  /** First pause between polls (default 5 s), doubled after each poll up to `maxIntervalMs` (60 s). */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** The clock: the stand-in's in tests, the machine's otherwise. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onPoll?: (deployment: DeploymentDetails) => void;
}

export class DeploymentWaitError extends Error {
  override name = "DeploymentWaitError";
}

/**
 * Polls with backoff until the deployment is Active with no update in flight (and, when `modelArn` is
 * given, serving it). A Failed deployment or update, or the timeout, is an error naming what was seen.
 */
export async function waitForDeployment(
  client: BedrockClient,
  identifier: string,
  options: WaitForDeploymentOptions & { modelArn?: string } = {},
): Promise<DeploymentDetails> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 30 * 60_000);
  let interval = options.intervalMs ?? 5_000;
  for (;;) {
    const seen = await findDeployment(client, identifier);
    if (!seen) throw new DeploymentWaitError(`The custom model deployment ${identifier} no longer exists.`);
    options.onPoll?.(seen);
    if (seen.status === "Failed") {
      throw new DeploymentWaitError(
        `The custom model deployment ${seen.name} failed: ${seen.failureMessage ?? "Bedrock gave no reason"}.`,
      );
    }
    if (seen.update?.status === "UpdateFailed") {
      throw new DeploymentWaitError(
        `Updating ${seen.name} to ${seen.update.modelArn} failed: ${seen.failureMessage ?? "Bedrock gave no reason"}; it still serves ${seen.modelArn}.`,
      );
    }
    const settled = seen.status === "Active" && seen.update?.status !== "Updating";
    if (settled && (options.modelArn === undefined || seen.modelArn === options.modelArn)) return seen;
    const left = deadline - now();
    if (left <= 0) {
      throw new DeploymentWaitError(
        `The custom model deployment ${seen.name} is still ${seen.update?.status ?? seen.status}; gave up waiting. Run the step again to go on from here.`,
      );
    }
    await sleep(Math.min(interval, left));
    interval = Math.min(interval * 2, options.maxIntervalMs ?? 60_000);
  }
}
