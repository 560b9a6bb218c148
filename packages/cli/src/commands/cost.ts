import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  type BaseModel,
  DatasetReadError,
  DEFAULT_CONFIG_FILE,
  estimateTrainingCost,
  loadTokenizer,
  onDemandPrices,
  onDemandUsd,
  type ResolvedConfig,
  type ResolvedModel,
  readEvalSet,
  type TokenFigure,
  validateDatasets,
} from "@tunegate/core";
import { loadCommandConfig } from "../config";
import { EXIT, type Io, UsageError } from "../io";
import { oneOf, usageErrors } from "../options";
import { parallelOption } from "../parallel";
import type { Command } from "./command";

const FORMATS = ["pretty", "json"] as const;
/** Hours in the "per 30 days" figures, as the report action's comment counts them. */
const HOURS_PER_30_DAYS = 24 * 30;
/** Cached prompt tokens are read at 10% of the input price: Anthropic's 90% discount. */
const CACHE_READ_FACTOR = 0.1;
const CACHE_SOURCE =
  "Anthropic's price list: cache reads at 0.1x the input price; cache writes, at 1.25x once per 5 minutes, left out";
/** Records measured for the per-request token figures: enough for a stable mean, fast on any file. */
const MAX_MEASURED_RECORDS = 2_000;

const HELP = `Usage: tunegate cost [options]

Estimates what each model of tunegate.yml costs: the training job (training tokens x epochs x the
catalog's price per token, when it has one), storing the custom model, the Provisioned Throughput a
fine-tuned model is served through (per hour and per 30 days), and, for comparison, the base model on
demand at the size of a request in your data, with and without a cached system prompt: the request rate
above which Provisioned Throughput is the cheaper of the two.

Every price comes from the base model's catalog entry with its source; a price the catalog lacks is
shown as missing, never guessed. Add it (with its source) under catalog: in tunegate.yml.

Options:
  --config PATH             tunegate.yml to read (default: ${DEFAULT_CONFIG_FILE})
  --model NAME              Only this model (repeatable; default: every model)
  --model-units N           Provisioned Throughput model units (default: 1)
  --requests-per-second N   Your expected sustained traffic, to compare both monthly bills
  --input-tokens N          Input tokens per request (default: measured on the training data)
  --output-tokens N         Output tokens per request (default: measured on the training data)
  --format pretty|json      Output format (default: pretty)
  -h, --help                Show this help

Exit status: 0 estimate printed, 2 bad usage or unreadable config or data.

Examples:
  tunegate cost
  tunegate cost --model support-router --requests-per-second 5
  tunegate cost --input-tokens 1200 --output-tokens 300 --format json
`;

interface Price {
  usd: number;
  source: string;
}

/** Token sizes of a typical request: the data's prompts (system prompt apart) and final replies. */
interface RequestSize {
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, the system prompt: what prompt caching would serve from cache. */
  systemTokens: number;
  method: string;
}

export interface ModelCost {
  model: string;
  baseModel: { id: string; name: string };
  region: string;
  training: {
    file: string;
    tokens: TokenFigure;
    epochs: number;
    epochsFrom: string;
    billedTokens: number;
    price?: Price;
    usd?: number;
  };
  storage: { perMonth?: Price };
  provisionedThroughput: { modelUnits: number; perHourPerUnit?: Price; perHour?: number; per30Days?: number };
  onDemand: {
    request: RequestSize;
    input?: Price;
    output?: Price;
    usdPerRequest?: number;
    /** Requests per second at which one hour of Provisioned Throughput costs as much as on demand. */
    breakEvenPerSecond?: number;
    cached?: { usdPerRequest: number; breakEvenPerSecond?: number; source: string };
    /** With --requests-per-second: both bills over 30 days. */
    at?: { requestsPerSecond: number; onDemandPer30Days: number; provisionedPer30Days?: number };
  };
}

export const cost: Command = {
  name: "cost",
  summary: "Estimate training, storage, Provisioned Throughput and on-demand costs of the config's models",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
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
          "input-tokens": { type: "string" },
          "output-tokens": { type: "string" },
          format: { type: "string", default: "pretty" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const format = oneOf("--format", values.format, FORMATS);
    const modelUnits = positive("--model-units", values["model-units"], { integer: true })!;
    const rate = positive("--requests-per-second", values["requests-per-second"]);
    const inputTokens = positive("--input-tokens", values["input-tokens"], { integer: true });
    const outputTokens = positive("--output-tokens", values["output-tokens"], { integer: true });

    const { config, models } = await loadCommandConfig(io, values.config, values.model);

    const costs: ModelCost[] = [];
    for (const model of models) {
      try {
        costs.push(
          await estimate(config, model, {
            modelUnits,
            ...(rate === undefined ? {} : { rate }),
            ...(inputTokens === undefined ? {} : { inputTokens }),
            ...(outputTokens === undefined ? {} : { outputTokens }),
          }),
        );
      } catch (err) {
        if (err instanceof DatasetReadError) throw new UsageError(err.message);
        throw err;
      }
    }
    io.stdout.write(
      format === "json"
        ? `${JSON.stringify({ config: values.config, models: costs }, null, 2)}\n`
        : costs.map((c) => pretty(c, values.config)).join("\n"),
    );
    return EXIT.ok;
  },
};

function positive(flag: string, value: string | undefined, options: { integer?: boolean } = {}) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (options.integer && !Number.isInteger(n))) {
    throw new UsageError(`${flag} takes a ${options.integer ? "whole " : ""}number above 0; got "${value}".`);
  }
  return n;
}

async function estimate(
  config: ResolvedConfig,
  model: ResolvedModel,
  options: { modelUnits: number; rate?: number; inputTokens?: number; outputTokens?: number },
): Promise<ModelCost> {
  const base = model.baseModel;
  const trainingPath = join(config.root, model.training);
  const report = await validateDatasets([{ path: trainingPath, role: "train", name: model.training }], {
    ...parallelOption(),
    model: base,
  });
  const tokens = report.files[0]!.stats.tokens.total;
  const epochs = model.hyperparameterValues.epochCount ?? 1;
  const training = estimateTrainingCost(base, tokens, epochs);
  const prices = base.prices;

  const hourlyPerUnit = prices.provisionedThroughputPerHour;
  const perHour = hourlyPerUnit ? hourlyPerUnit.usd * options.modelUnits : undefined;
  const request = await requestSize(trainingPath, base, options);
  const input = prices.inputPerMillionTokens;
  const output = prices.outputPerMillionTokens;
  const onDemand = onDemandPrices(prices);
  const perRequest = onDemand && onDemandUsd(onDemand, request.inputTokens, request.outputTokens);
  const cachedPerRequest =
    onDemand &&
    onDemandUsd(
      onDemand,
      request.inputTokens - request.systemTokens + request.systemTokens * CACHE_READ_FACTOR,
      request.outputTokens,
    );
  const breakEven = (usd: number | undefined) =>
    perHour !== undefined && usd !== undefined && usd > 0 ? perHour / usd / 3600 : undefined;

  return {
    model: model.name,
    baseModel: { id: base.id, name: base.name },
    region: model.region,
    training: {
      file: model.training,
      tokens,
      epochs,
      epochsFrom:
        model.hyperparameters.epochCount !== undefined
          ? "hyperparameters.epochCount"
          : `the default epochCount of ${base.name}`,
      billedTokens: training.billedTokens,
      ...(training.pricePerMillionTokens ? { price: training.pricePerMillionTokens } : {}),
      ...(training.usd === undefined ? {} : { usd: training.usd }),
    },
    storage: prices.storagePerMonth ? { perMonth: prices.storagePerMonth } : {},
    provisionedThroughput: {
      modelUnits: options.modelUnits,
      ...(hourlyPerUnit && perHour !== undefined
        ? { perHourPerUnit: hourlyPerUnit, perHour, per30Days: perHour * HOURS_PER_30_DAYS }
        : {}),
    },
    onDemand: {
      request,
      ...(input ? { input } : {}),
      ...(output ? { output } : {}),
      ...(perRequest === undefined ? {} : { usdPerRequest: perRequest }),
      ...(breakEven(perRequest) === undefined ? {} : { breakEvenPerSecond: breakEven(perRequest)! }),
      ...(cachedPerRequest === undefined || request.systemTokens === 0
        ? {}
        : {
            cached: {
              usdPerRequest: cachedPerRequest,
              ...(breakEven(cachedPerRequest) === undefined
                ? {}
                : { breakEvenPerSecond: breakEven(cachedPerRequest)! }),
              source: CACHE_SOURCE,
            },
          }),
      ...(options.rate !== undefined && perRequest !== undefined
        ? {
            at: {
              requestsPerSecond: options.rate,
              onDemandPer30Days: perRequest * options.rate * 3600 * HOURS_PER_30_DAYS,
              ...(perHour === undefined ? {} : { provisionedPer30Days: perHour * HOURS_PER_30_DAYS }),
            },
          }
        : {}),
    },
  };
}

/**
 * Mean tokens of a request like the training records: the prompt (system prompt and the turns before
 * the final reply) in, the final reply out, counted with the stand-in tokenizer tunegate uses for
 * estimates. Flags override either figure.
 */
async function requestSize(
  path: string,
  model: BaseModel,
  options: { inputTokens?: number; outputTokens?: number },
): Promise<RequestSize> {
  const set = await readEvalSet(path, { model });
  const cases = set.cases.slice(0, MAX_MEASURED_RECORDS);
  const count = await loadTokenizer();
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const system = mean(cases.map((c) => (c.system ? count(c.system) : 0)));
  const prompt = mean(cases.map((c) => c.messages.reduce((n, m) => n + count(m.text), 0)));
  const reply = mean(cases.map((c) => count(c.reference)));
  const measured = `mean of ${cases.length} record${cases.length === 1 ? "" : "s"} of the training data, estimated with the cl100k_base tokenizer`;
  const inputTokens = options.inputTokens ?? Math.round(system + prompt);
  return {
    inputTokens,
    outputTokens: options.outputTokens ?? Math.round(reply),
    // A given input size keeps the data's system-prompt share: what caching would serve.
    systemTokens: Math.min(inputTokens, Math.round(system)),
    method:
      options.inputTokens !== undefined && options.outputTokens !== undefined
        ? "--input-tokens and --output-tokens"
        : options.inputTokens !== undefined || options.outputTokens !== undefined
          ? `the flags given, the rest the ${measured}`
          : measured,
  };
}

const usd = (n: number) =>
  n >= 100
    ? `$${n.toLocaleString("en-US", { maximumFractionDigits: 0 })}`
    : n >= 0.01
      ? `$${n.toFixed(2)}`
      : `$${n.toPrecision(3)}`;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const rateText = (perSecond: number) =>
  `${perSecond.toLocaleString("en-US", { maximumFractionDigits: perSecond < 10 ? 2 : 0 })} requests per second (${int(perSecond * 3600)} per hour)`;

function pretty(c: ModelCost, configName: string): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(22)} ${value}`);
  const missing = (what: string, key: string) =>
    `no ${what} in the catalog for ${c.baseModel.name}; add prices.${key} (with its source) under catalog: in ${configName}`;
  lines.push(`${c.model}: ${c.baseModel.name} (${c.baseModel.id}) in ${c.region}`, "");

  const t = c.training;
  lines.push("Training, one job");
  row(
    "training tokens",
    `${t.tokens.exact ? "" : "~"}${int(t.tokens.value)} in ${t.file} (${t.tokens.method})`,
  );
  row("epochs", `${t.epochs} (${t.epochsFrom})`);
  row("billed tokens", `${t.tokens.exact ? "" : "~"}${int(t.billedTokens)}`);
  row(
    "cost",
    t.price && t.usd !== undefined
      ? `${usd(t.usd)} at $${t.price.usd} per million tokens (${t.price.source})`
      : missing("training price", "trainingPerMillionTokens"),
  );
  lines.push("");

  lines.push("Storing the custom model");
  row(
    "per month",
    c.storage.perMonth
      ? `${usd(c.storage.perMonth.usd)} (${c.storage.perMonth.source})`
      : missing("storage price", "storagePerMonth"),
  );
  lines.push("");

  const pt = c.provisionedThroughput;
  lines.push(
    `Provisioned Throughput, ${pt.modelUnits} model unit${pt.modelUnits === 1 ? "" : "s"} (how a fine-tuned model is invoked)`,
  );
  if (pt.perHourPerUnit && pt.perHour !== undefined && pt.per30Days !== undefined) {
    row(
      "per hour",
      `${usd(pt.perHour)} (${usd(pt.perHourPerUnit.usd)} per model unit: ${pt.perHourPerUnit.source})`,
    );
    row("per 30 days", `${usd(pt.per30Days)}, billed from creation until deleted`);
  } else row("per hour", missing("Provisioned Throughput price", "provisionedThroughputPerHour"));
  lines.push("");

  const od = c.onDemand;
  lines.push("The base model on demand instead");
  row(
    "a request",
    `${int(od.request.inputTokens)} input tokens (${int(od.request.systemTokens)} of them the system prompt) and ${int(od.request.outputTokens)} output tokens (${od.request.method})`,
  );
  if (od.input && od.output && od.usdPerRequest !== undefined) {
    row(
      "prices",
      `$${od.input.usd} input, $${od.output.usd} output per million tokens (${od.input.source}; ${od.output.source})`,
    );
    row("per request", usd(od.usdPerRequest));
    if (od.breakEvenPerSecond !== undefined) {
      row(
        "break-even",
        `${rateText(od.breakEvenPerSecond)}: below that, on demand costs less than Provisioned Throughput`,
      );
    }
    if (od.cached) {
      row(
        "with a cached prompt",
        `${usd(od.cached.usdPerRequest)} per request${od.cached.breakEvenPerSecond === undefined ? "" : `, break-even ${rateText(od.cached.breakEvenPerSecond)}`} (${od.cached.source}; check that Bedrock offers prompt caching for this model)`,
      );
    }
    if (od.at) {
      row(
        `at ${od.at.requestsPerSecond} per second`,
        `on demand ${usd(od.at.onDemandPer30Days)} per 30 days${od.at.provisionedPer30Days === undefined ? "" : ` against ${usd(od.at.provisionedPer30Days)} for Provisioned Throughput`}`,
      );
    }
  } else row("prices", missing("on-demand price", "inputPerMillionTokens and prices.outputPerMillionTokens"));
  lines.push("");
  return `${lines.join("\n")}\n`;
}
