import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkDatasets, checkSettings } from "../dataset-check";
import { EXIT, type Io, UsageError } from "../io";
import { DEFAULT_BASE_MODEL, oneOf, usageErrors, writeOutput } from "../options";
import { colorEnabled } from "../terminal";
import {
  countsSentence,
  datasetFile,
  datasetPath,
  parseSeverities,
  renderReport,
  VALIDATE_FORMATS,
} from "../validate-args";
import type { Command } from "./command";

const ROLES = ["train", "validation"] as const;

const HELP = `Usage: tunegate validate <files...> [options]

Checks JSONL fine-tuning datasets against everything Amazon Bedrock requires of the base model (record
format, roles, record and token limits, file size), plus what makes training go wrong (duplicates,
conflicting answers, validation prompts leaked from training, secrets and personal data, label balance).

Each file is training data unless --role (or tunegate.yml) says otherwise; prefix a file with train: or validation: to
check both together (record totals and leakage between them need both in one call).

Options:
  --config FILE           tunegate.yml to read (default: ./tunegate.yml when there is one): a file it
                          lists as a model's dataset is checked with that model's base model,
                          severities, labels and role, as the pull-request check does
  --model NAME            Check the files with this tunegate.yml model's settings
  --base-model ID         Base model to check against, from the catalog with tunegate.yml's
                          additions (default: the model's, else ${DEFAULT_BASE_MODEL})
  --role train|validation Role of every file given without a prefix (default: its role in
                          tunegate.yml, else train)
  --format FORMAT         pretty (default), json, github (workflow-command annotations) or sarif
  --output FILE           Write the report to FILE instead of standard output
  --label-pattern REGEX   Regex over the final assistant reply; its first group is the class label
  --severity RULE=LEVEL   Set a rule's severity: error, warning, notice or off (repeatable)
  -h, --help              Show this help

Exit status: 0 no errors (warnings and notices allowed), 1 errors found, 2 bad usage or unreadable input.

Examples:
  tunegate validate data/train.jsonl
  tunegate validate train:data/train.jsonl validation:data/validation.jsonl
  tunegate validate data/*.jsonl --label-pattern '^ROUTE: (\\S+)' --severity sensitive/personal-data=error
  tunegate validate data/train.jsonl --format sarif --output tunegate.sarif
  tunegate validate data/train.jsonl --base-model amazon.nova-lite-v1:0:300k --format json
`;

export const validate: Command = {
  name: "validate",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("validate", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          "base-model": { type: "string" },
          config: { type: "string" },
          model: { type: "string" },
          role: { type: "string" },
          format: { type: "string", default: "pretty" },
          output: { type: "string" },
          "label-pattern": { type: "string" },
          severity: { type: "string", multiple: true, default: [] },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length === 0) {
      throw new UsageError("No dataset file given. Run `tunegate validate --help` for usage.");
    }
    const role = values.role === undefined ? undefined : oneOf("--role", values.role, ROLES);
    const format = oneOf("--format", values.format, VALIDATE_FORMATS);
    const { settings, configured, model, labelPattern } = await checkSettings(
      io,
      values,
      positionals.map(datasetPath),
    );
    const files = positionals.map((arg) =>
      datasetFile(arg, (path) => role ?? settings?.roleOf(resolve(io.cwd, path)) ?? "train", io.cwd),
    );
    const report = await checkDatasets(io, files, {
      model,
      // Only the JSON report shows token estimates; the listings need the tokenizer for no figure.
      calibrateTokens: format === "json",
      // The flags win over tunegate.yml; tunegate.yml over the built-in defaults.
      severities: { ...configured?.severities, ...parseSeverities(values.severity) },
      ...(labelPattern === undefined ? {} : { labelPattern }),
    });

    const toFile = values.output !== undefined;
    const color = !toFile && colorEnabled(io.stdout, io.env);
    await writeOutput(io, values.output, renderReport(report, format, color));
    if (toFile) {
      io.stderr.write(`tunegate: ${countsSentence(report)}; ${format} report written to ${values.output}.\n`);
    }
    return report.summary.errors > 0 ? EXIT.problems : EXIT.ok;
  },
};
