import { parseArgs } from "node:util";
import { epochsFor, toStatsJson, toStatsText } from "@tunegate/core";
import { checkDatasets, checkSettings } from "../dataset-check";
import { EXIT, type Io, UsageError } from "../io";
import { DEFAULT_BASE_MODEL, displayName, oneOf, parseEpochs, usageErrors } from "../options";
import { colorEnabled } from "../terminal";
import type { Command } from "./command";

const FORMATS = ["pretty", "json"] as const;

const HELP = `Usage: tunegate stats <file> [options]

Shows what a reviewer needs to know about a dataset: records, turns per record, token lengths
(estimated: the base models' tokenizers are not public; the method is printed), how many records have a
system prompt, label counts, and the estimated training cost: billed tokens = tokens x epochs, priced
when the catalog has a training price for the base model.

Options:
  --config FILE           tunegate.yml to read (default: ./tunegate.yml when there is one): a file it
                          lists as a model's dataset takes that model's base model, labels and epochs
  --model NAME            Use this tunegate.yml model's settings
  --base-model ID         Base model whose format and price apply, from the catalog with
                          tunegate.yml's additions (default: the model's, else ${DEFAULT_BASE_MODEL})
  --format pretty|json    Output format (default: pretty)
  --label-pattern REGEX   Regex over the final assistant reply; its first group is the class label
  --epochs N              Epochs for the cost estimate (default: the model's epochCount in
                          tunegate.yml, else the base model's default)
  -h, --help              Show this help

Exit status: 0 stats printed (even if the file has problems: run tunegate validate for those),
2 bad usage or unreadable input.

Examples:
  tunegate stats data/train.jsonl
  tunegate stats data/train.jsonl --label-pattern '^ROUTE: (\\S+)' --epochs 3
  tunegate stats data/train.jsonl --base-model amazon.nova-micro-v1:0:128k --format json
`;

export const stats: Command = {
  name: "stats",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("stats", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          "base-model": { type: "string" },
          config: { type: "string" },
          model: { type: "string" },
          format: { type: "string", default: "pretty" },
          "label-pattern": { type: "string" },
          epochs: { type: "string" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        `tunegate stats takes one dataset file; got ${positionals.length}. Run \`tunegate stats --help\` for usage.`,
      );
    }
    const format = oneOf("--format", values.format, FORMATS);
    const path = positionals[0]!;
    // tunegate.yml's model for this file, as the pull-request check reads it; the flags win over it.
    const { configured, model, labelPattern } = await checkSettings(io, values, [path]);
    const configuredEpochs =
      configured?.hyperparameters.epochCount === undefined
        ? undefined
        : configured.hyperparameterValues.epochCount;
    const epochs = parseEpochs(values.epochs, model) ?? configuredEpochs;
    const name = displayName(path, io.cwd);

    const report = await checkDatasets(io, [{ path, role: "train", name }], {
      model,
      ...(labelPattern === undefined ? {} : { labelPattern }),
    });

    const file = report.files[0]!;
    const options = {
      model,
      epochs: epochsFor(model, epochs === undefined ? {} : { epochCount: epochs }),
      epochsSource:
        values.epochs !== undefined
          ? "--epochs"
          : epochs !== undefined
            ? `epochCount of model "${configured!.name}" in tunegate.yml`
            : `default epochCount of ${model.name}`,
    };
    io.stdout.write(
      format === "json"
        ? `${JSON.stringify({ file: name, ...toStatsJson(file.stats, options) }, null, 2)}\n`
        : toStatsText(file.stats, { ...options, file: name, color: colorEnabled(io.stdout, io.env) }),
    );
    if (file.counts.errors > 0) {
      io.stderr.write(
        `note: ${name} has ${file.counts.errors} error${file.counts.errors === 1 ? "" : "s"} for ${model.name}; records with errors may be missing from these figures. Run \`tunegate validate ${path}\` to see them.\n`,
      );
    }
    return EXIT.ok;
  },
};
