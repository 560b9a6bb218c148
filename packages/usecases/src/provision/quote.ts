import type { BaseModel } from "@tunegate/core";

/**
 * What a Provisioned Throughput costs, said before anything is bought: the hourly price per model unit
 * and where it comes from. AWS publishes no price tunegate can cite for a custom model's throughput,
 * so the figure is the catalog's (tunegate.yml `catalog:` can set it, with its source) or the one the
 * user passes; with neither, nothing is created.
 */
export interface ProvisionQuote {
  perUnitUsd: number;
  units: number;
  hourlyUsd: number;
  source: string;
  /** A commitment's hours, when one is asked (a month is counted as 730 hours). */
  commitmentHours?: number;
}

const HOURS = { OneMonth: 730, SixMonths: 6 * 730 } as const;

export function quoteProvisioned(
  baseModel: BaseModel | undefined,
  units: number,
  options: { hourlyUsd?: number | undefined; commitment?: "OneMonth" | "SixMonths" | undefined } = {},
): ProvisionQuote | undefined {
  const listed = baseModel?.prices.provisionedThroughputPerHour;
  const perUnit =
    options.hourlyUsd !== undefined
      ? { usd: options.hourlyUsd, source: "--hourly-usd on the command line" }
      : listed
        ? { usd: listed.usd, source: `the catalog entry of ${baseModel?.id}: ${listed.source}` }
        : undefined;
  if (!perUnit) return undefined;
  return {
    perUnitUsd: perUnit.usd,
    units,
    hourlyUsd: perUnit.usd * units,
    source: perUnit.source,
    ...(options.commitment ? { commitmentHours: HOURS[options.commitment] } : {}),
  };
}

const usd = (n: number) =>
  `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** "1 model unit × $50.00/hour = $50.00/hour, billed until deleted (source: ...)". */
export function describeQuote(quote: ProvisionQuote): string {
  const rate = `${quote.units} model unit${quote.units === 1 ? "" : "s"} × ${usd(quote.perUnitUsd)}/hour = ${usd(quote.hourlyUsd)}/hour`;
  const term = quote.commitmentHours
    ? `, for the whole commitment of ${quote.commitmentHours} hours: about ${usd(quote.hourlyUsd * quote.commitmentHours)} whether it is used or not`
    : ", billed by the hour until it is deleted (no commitment)";
  return `${rate}${term} (price source: ${quote.source})`;
}
