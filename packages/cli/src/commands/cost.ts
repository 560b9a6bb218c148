import { parseArgs } from "node:util";
import { DatasetReadError, DEFAULT_CONFIG_FILE } from "@tunegate/core";
import { estimateModelCost, type ModelCost } from "@tunegate/usecases";
import { loadCommandConfig } from "../config";
import { costText } from "../cost-text";
import { EXIT, type Io, UsageError } from "../io";
import { oneOf, usageErrors } from "../options";
import { parallelOption } from "../parallel";
import type { Command } from "./command";

const FORMATS = ["pretty", "json"] as const;
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

export const cost: Command = {
  name: "cost",
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
          await estimateModelCost(config, model, {
            modelUnits,
            ...parallelOption(),
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
        : costs.map((c) => costText(c, values.config)).join("\n"),
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
