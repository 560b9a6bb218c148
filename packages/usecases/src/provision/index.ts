import { createHash } from "node:crypto";
import {
  type BackoffOptions,
  type CommitmentTerm,
  createProvisioned,
  deleteProvisioned,
  listProvisioned,
  type ProvisionedThroughput,
  waitForProvisioned,
} from "@tunegate/aws";
import { type BaseModel, NAME_PREFIX, nameSlug, UserError } from "@tunegate/core";
import type { Log } from "../ports";
import type { BedrockClient } from "./ports";
import { describeQuote, type ProvisionQuote, quoteProvisioned } from "./quote";
import { findProvisionTarget, type ProvisionTarget, refuseRetiredBase } from "./target";

/**
 * `tunegate provision`: Provisioned Throughput for a model whose base cannot serve it on demand. Every
 * step errs on the side of the bill: the price and its source are told before anything is bought, no
 * commitment unless asked for and confirmed by typing the throughput's name, no second throughput for
 * the same custom model unless asked, none for a Legacy base model, and the request is idempotent (a
 * retried create returns the same throughput).
 */

export { describeQuote, type ProvisionQuote, quoteProvisioned } from "./quote";
export { findProvisionTarget, type ProvisionTarget } from "./target";

export interface ProvisionModel {
  name: string;
  baseModel: BaseModel;
  region: string;
}

export interface CreateProvisionOptions {
  bedrock: BedrockClient;
  model: ProvisionModel;
  /** The custom model to serve; default: the model's newest completed job's. */
  modelArn?: string | undefined;
  units: number;
  commitment?: CommitmentTerm | undefined;
  /** Asks the user to type `expected`; true only when they did. */
  confirm: (question: string, expected: string) => Promise<boolean>;
  allowSecond: boolean;
  hourlyUsd?: number | undefined;
  log: Log;
  now?: Date;
}

export interface ProvisionOutcome {
  action: "created" | "exists";
  throughput: { arn: string; name: string };
  target: ProvisionTarget;
  quote: ProvisionQuote;
}

/** Room for the model in a throughput name: 63 less "tunegate-", "-<12-char id>" and "-99". */
const SLUG_ROOM = 63 - NAME_PREFIX.length - 1 - 13 - 3;

/** `tunegate-<model>-<custom model id>`: one name per custom model, so a re-run finds its throughput. */
export function provisionedName(modelName: string, customModelArn: string, ordinal = 1): string {
  const id = customModelArn
    .slice(customModelArn.lastIndexOf("/") + 1)
    .replace(/[^a-zA-Z0-9]/g, "")
    .slice(0, 12);
  return `${NAME_PREFIX}-${nameSlug(modelName, SLUG_ROOM)}-${id}${ordinal > 1 ? `-${ordinal}` : ""}`;
}

export async function createProvision(options: CreateProvisionOptions): Promise<ProvisionOutcome> {
  const { bedrock, model, log } = options;
  await refuseRetiredBase(bedrock, model.baseModel, model.region, options.now ?? new Date());
  const target = await findProvisionTarget(bedrock, model.name, options.modelArn);
  const quote = quoteProvisioned(model.baseModel, options.units, {
    hourlyUsd: options.hourlyUsd,
    commitment: options.commitment,
  });
  if (!quote) {
    throw new UserError(
      `No hourly price for Provisioned Throughput of ${model.baseModel.name} is known, so tunegate will not buy one. Nothing was created.`,
      {
        fix: "Look the price up on the Amazon Bedrock pricing page and pass --hourly-usd, or set prices.provisionedThroughputPerHour (with its source) for the base model under catalog: in tunegate.yml.",
      },
    );
  }
  log.info(`Provisioned Throughput for ${model.name} (${target.customModelArn}): ${describeQuote(quote)}.`);

  const existing = await listProvisioned(bedrock, { modelArn: target.customModelArn });
  const name = provisionedName(model.name, target.customModelArn);
  const mine = existing.find((pt) => pt.name === name);
  if (mine && !options.allowSecond) {
    log.info(`${mine.name} exists already (${mine.status}): nothing was created.`);
    return { action: "exists", throughput: { arn: mine.arn, name: mine.name }, target, quote };
  }
  if (existing.length > 0 && !options.allowSecond) {
    throw new UserError(
      `${target.customModelArn} already has Provisioned Throughput: ${existing.map((pt) => `${pt.name} (${pt.status})`).join(", ")}. A second one would bill twice. Nothing was created.`,
      { fix: "Use the existing one, delete it first (tunegate provision delete), or pass --allow-second." },
    );
  }
  const finalName =
    existing.length > 0 ? provisionedName(model.name, target.customModelArn, existing.length + 1) : name;
  if (options.commitment) {
    const ok = await options.confirm(
      `A ${options.commitment} commitment cannot be cancelled: ${describeQuote(quote)}. Type the throughput's name (${finalName}) to buy it:`,
      finalName,
    );
    if (!ok) throw new UserError("The commitment was not confirmed. Nothing was created.");
  }
  const token = createHash("sha256")
    .update(
      JSON.stringify([
        "tunegate-pt",
        target.customModelArn,
        finalName,
        options.units,
        options.commitment ?? "none",
      ]),
    )
    .digest("hex")
    .slice(0, 40);
  const created = await createProvisioned(bedrock, {
    name: finalName,
    modelArn: target.customModelArn,
    modelUnits: options.units,
    commitment: options.commitment,
    tags: target.tags,
    clientRequestToken: `${NAME_PREFIX}-${token}`,
  });
  log.info(`Created ${finalName} (${created.arn}); it is Creating and bills from now on.`);
  return { action: "created", throughput: { arn: created.arn, name: finalName }, target, quote };
}

/** The throughputs tunegate named for this model (every custom model of it), newest first. */
export function modelThroughputs(
  bedrock: BedrockClient,
  modelName: string,
): Promise<ProvisionedThroughput[]> {
  const prefix = `${NAME_PREFIX}-${nameSlug(modelName, SLUG_ROOM)}-`;
  return listProvisioned(bedrock, { nameContains: prefix }).then((all) =>
    all.filter((pt) => pt.name.startsWith(prefix)),
  );
}

/** Waits for every throughput of the model to be InService (or Failed); returns their last states. */
export async function waitProvision(
  bedrock: BedrockClient,
  modelName: string,
  wait: BackoffOptions,
): Promise<ProvisionedThroughput[]> {
  const pts = await modelThroughputs(bedrock, modelName);
  if (pts.length === 0) throw new UserError(`${modelName} has no Provisioned Throughput made by tunegate.`);
  const out: ProvisionedThroughput[] = [];
  for (const pt of pts)
    out.push((await waitForProvisioned(bedrock, pt.arn, wait)) ?? { ...pt, status: "Deleted" });
  return out;
}

/** Deletes the model's throughputs (or the one named); a committed one keeps billing to its term's end. */
export async function deleteProvision(
  bedrock: BedrockClient,
  modelName: string,
  only?: string,
): Promise<
  { name: string; arn: string; result: "deleted" | "already gone"; commitmentExpires?: Date | undefined }[]
> {
  const pts = (await modelThroughputs(bedrock, modelName)).filter(
    (pt) => !only || pt.name === only || pt.arn === only,
  );
  if (pts.length === 0)
    throw new UserError(`${only ?? modelName} has no Provisioned Throughput made by tunegate to delete.`);
  const out = [];
  for (const pt of pts) {
    out.push({
      name: pt.name,
      arn: pt.arn,
      result: await deleteProvisioned(bedrock, pt.arn),
      ...(pt.commitmentExpires ? { commitmentExpires: pt.commitmentExpires } : {}),
    });
  }
  return out;
}
