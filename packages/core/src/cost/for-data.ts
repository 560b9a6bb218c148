import type { BaseModel } from "../catalog/schema";
import type { DatasetIo } from "../dataset/io";
import { compareServing, type ServingComparison } from "./compare";
import { measureRequestSize, type RequestSize } from "./request-size";
import { servingSetup } from "./serving-prices";

/**
 * The serving comparison for a model's own data, as both pull-request comments quote it: requests the
 * size of its training records, the system prompt cached, traffic all day, and the load of one model
 * unit (the cheapest option by load does not depend on it). Catalog prices only, with their sources.
 */
export function servingForData(base: BaseModel, request: RequestSize): ServingComparison {
  const setup = servingSetup(base, { caches: request.systemTokens > 0 });
  return compareServing(setup, {
    requestsPerSecond: setup.provisioned.unitRequestsPerSecond.value,
    hoursPerDay: 24,
    inputTokens: request.inputTokens,
    outputTokens: request.outputTokens,
    cachedTokens: request.systemTokens,
  });
}

/**
 * The same, measured on a training file; undefined without reading it when the catalog prices no way
 * of serving the base model, since then there is nothing to quote.
 */
export async function servingOfTrainingData(
  path: string,
  base: BaseModel,
  io: DatasetIo,
): Promise<ServingComparison | undefined> {
  const p = base.prices;
  const priced =
    (p.inputPerMillionTokens && p.outputPerMillionTokens) ||
    (p.customModelInputPerMillionTokens && p.customModelOutputPerMillionTokens) ||
    p.provisionedThroughputPerHour;
  if (!priced) return undefined;
  return servingForData(base, await measureRequestSize(path, base, io));
}
