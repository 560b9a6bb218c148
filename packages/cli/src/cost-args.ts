import { parseArgs } from "node:util";
import { DEFAULT_CONFIG_FILE, SERVING_PRICE_KEYS, type ServingPriceKey } from "@tunegate/core";
import type { CostOptions } from "@tunegate/usecases";
import { UsageError } from "./io";
import { oneOf, usageErrors } from "./options";

/** The flags of `tunegate cost`, and what they mean for the use case. */

export const COST_FORMATS = ["pretty", "json"] as const;

export const COST_HELP = `Usage: tunegate cost [options]

Estimates what each model of tunegate.yml costs: the training job (training tokens x epochs x the
catalog's price per token, when it has one), storing the custom model, Provisioned Throughput per hour
and per 30 days, and the base model on demand at the size of a request in your data.

Then compares, per 30 days at your load, four ways to serve it: a model (the base model, or a larger
one with --cached-model) on demand with prompt caching, the base model on demand, the custom model on
demand (custom model deployment) and the custom model on Provisioned Throughput (model units enough for
the load). It prints the loads at which one becomes cheaper than another, and which one wins.

Every price comes from the catalog with its source, or from --price; a price nobody states leaves its
option out, saying which price to add under catalog: in tunegate.yml.

Options:
  --config PATH             tunegate.yml to read (default: ${DEFAULT_CONFIG_FILE})
  --model NAME              Only this model (repeatable; default: every model)
  --model-units N           Provisioned Throughput model units of the first section (default: 1)
  --requests-per-second N   Your sustained traffic during the active hours
  --requests-per-month N    Or your monthly requests (spread over the active hours)
  --hours-per-day N         Hours a day with traffic, 1-24 (default: 24)
  --input-tokens N          Input tokens per request (default: measured on the training data)
  --output-tokens N         Output tokens per request (default: measured on the training data)
  --cached-tokens N         Input tokens per request served from the prompt cache (default: the
                            system prompt measured on the training data)
  --cached-model ID         Catalog model priced with prompt caching (default: the base model)
  --unit-capacity N         Requests per second one model unit serves (default: 80, unconfirmed)
  --price KEY=USD           Replace a price (repeatable), per million tokens or per hour; KEY one of
                            ${SERVING_PRICE_KEYS.join(", ")}
  --format pretty|json      Output format (default: pretty)
  -h, --help                Show this help

Exit status: 0 estimate printed, 2 bad usage or unreadable config or data.

Examples:
  tunegate cost
  tunegate cost --model support-router --requests-per-second 5 --hours-per-day 10
  tunegate cost --input-tokens 12300 --cached-tokens 12000 --output-tokens 200 --price provisioned.perHour=50
  tunegate cost --requests-per-month 2000000 --format json
`;

export interface CostArgs {
  help: boolean;
  config: string;
  models: string[];
  format: (typeof COST_FORMATS)[number];
  options: Omit<CostOptions, "parallel">;
}

export function parseCostArgs(args: string[]): CostArgs {
  const { values } = usageErrors("cost", () =>
    parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        config: { type: "string", default: DEFAULT_CONFIG_FILE },
        model: { type: "string", multiple: true, default: [] },
        "model-units": { type: "string", default: "1" },
        "requests-per-second": { type: "string" },
        "requests-per-month": { type: "string" },
        "hours-per-day": { type: "string" },
        "input-tokens": { type: "string" },
        "output-tokens": { type: "string" },
        "cached-tokens": { type: "string" },
        "cached-model": { type: "string" },
        "unit-capacity": { type: "string" },
        price: { type: "string", multiple: true, default: [] },
        format: { type: "string", default: "pretty" },
        help: { type: "boolean", short: "h", default: false },
      },
    }),
  );
  const num = (flag: string, o: { integer?: boolean; zero?: boolean; max?: number } = {}) =>
    number(flag, values[flag as keyof typeof values] as string | undefined, o);
  if (values["requests-per-second"] !== undefined && values["requests-per-month"] !== undefined) {
    throw new UsageError("Give --requests-per-second or --requests-per-month, not both.");
  }
  const options: CostArgs["options"] = {
    modelUnits: num("model-units", { integer: true })!,
    rate: num("requests-per-second", { zero: true }),
    requestsPerMonth: num("requests-per-month", { zero: true }),
    hoursPerDay: num("hours-per-day", { max: 24 }),
    inputTokens: num("input-tokens", { integer: true }),
    outputTokens: num("output-tokens", { integer: true }),
    cachedTokens: num("cached-tokens", { integer: true, zero: true }),
    unitRequestsPerSecond: num("unit-capacity"),
    cachedModel: values["cached-model"],
    prices: prices(values.price),
  };
  return {
    help: values.help,
    config: values.config,
    models: values.model,
    format: oneOf("--format", values.format, COST_FORMATS),
    // Absent flags stay absent: the use case tells "not given" from a value.
    options: Object.fromEntries(
      Object.entries(options).filter(([, v]) => v !== undefined),
    ) as CostArgs["options"],
  };
}

function number(
  flag: string,
  value: string | undefined,
  o: { integer?: boolean; zero?: boolean; max?: number },
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok =
    value.trim() !== "" &&
    Number.isFinite(n) &&
    (o.zero ? n >= 0 : n > 0) &&
    (!o.integer || Number.isInteger(n)) &&
    (o.max === undefined || n <= o.max);
  if (!ok) {
    const kind = `${o.integer ? "whole " : ""}number ${o.zero ? "of 0 or more" : "above 0"}${o.max === undefined ? "" : ` up to ${o.max}`}`;
    throw new UsageError(`--${flag} takes a ${kind}; got "${value}".`);
  }
  return n;
}

function prices(given: readonly string[]): Partial<Record<ServingPriceKey, number>> | undefined {
  if (given.length === 0) return undefined;
  const out: Partial<Record<ServingPriceKey, number>> = {};
  for (const g of given) {
    const [key, usd] = g.split("=", 2) as [string, string | undefined];
    if (!(SERVING_PRICE_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(`--price ${g}: the key is one of ${SERVING_PRICE_KEYS.join(", ")}.`);
    }
    if (usd === undefined) throw new UsageError(`--price ${g}: write KEY=USD, e.g. provisioned.perHour=50.`);
    out[key as ServingPriceKey] = number(`price ${key}`, usd, { zero: true });
  }
  return out;
}
