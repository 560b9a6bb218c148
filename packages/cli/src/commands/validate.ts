import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  collapseSystematic,
  type DatasetFile,
  DatasetReadError,
  type DatasetRole,
  findRule,
  type SeverityOverride,
  toJsonReport,
  toPretty,
  toSarif,
  toWorkflowCommands,
  type ValidationReport,
  validateDatasets,
} from "@tunegate/core";
import { datasetSettings } from "../config";
import { EXIT, type Io, UsageError } from "../io";
import {
  checkLabelPattern,
  DEFAULT_BASE_MODEL,
  displayName,
  oneOf,
  resolveModel,
  usageErrors,
  writeOutput,
} from "../options";
import { parallelOption } from "../parallel";
import { colorEnabled, progressBar } from "../terminal";
import { VERSION } from "../version";
import type { Command } from "./command";

const FORMATS = ["pretty", "json", "github", "sarif"] as const;
const ROLES = ["train", "validation"] as const;
const LEVELS = ["error", "warning", "notice", "off"] as const;

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
  summary: "Check datasets against the base model's requirements (exit 1 on errors)",
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
    const format = oneOf("--format", values.format, FORMATS);
    const paths = positionals.map((arg) => PREFIX.exec(arg)?.[2] ?? arg);
    const settings = await datasetSettings(io, values.config, values.model, paths);
    const configured = settings?.model;
    // The flags win over tunegate.yml; tunegate.yml over the built-in defaults.
    const severities = { ...configured?.severities, ...parseSeverities(values.severity) };
    const labelPattern = checkLabelPattern(values["label-pattern"] ?? configured?.labels);
    const model =
      values["base-model"] === undefined && configured
        ? configured.baseModel
        : resolveModel(values["base-model"] ?? DEFAULT_BASE_MODEL, io, settings?.config.catalog);
    const files = positionals.map((arg) =>
      datasetFile(arg, (path) => role ?? settings?.roleOf(resolve(io.cwd, path)) ?? "train", io.cwd),
    );

    const progress = progressBar(io.stderr);
    let report: ValidationReport;
    try {
      report = await validateDatasets(files, {
        ...parallelOption(),
        model,
        severities,
        ...(labelPattern === undefined ? {} : { labelPattern }),
        ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
      });
    } catch (err) {
      if (err instanceof DatasetReadError) throw new UsageError(err.message);
      throw err;
    } finally {
      progress?.done();
    }

    const toFile = values.output !== undefined;
    await writeOutput(io, values.output, render(report, format, !toFile && colorEnabled(io.stdout, io.env)));
    if (toFile) {
      io.stderr.write(`tunegate: ${countsSentence(report)}; ${format} report written to ${values.output}.\n`);
    }
    return report.summary.errors > 0 ? EXIT.problems : EXIT.ok;
  },
};

function render(report: ValidationReport, format: (typeof FORMATS)[number], color: boolean): string {
  switch (format) {
    case "pretty":
      return toPretty(report, { color });
    case "json":
      return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(toSarif(report, { toolVersion: VERSION }), null, 2)}\n`;
    case "github": {
      // One annotation per systematic problem (with its count), not one per record.
      const problems = report.files.flatMap((f) => collapseSystematic(f.problems, () => f.records).problems);
      const unlisted = report.files.reduce((n, f) => n + f.omitted, 0);
      const lines = toWorkflowCommands(problems, { unlisted });
      lines.push(`tunegate: ${countsSentence(report)}.`);
      return `${lines.join("\n")}\n`;
    }
  }
}

function countsSentence(report: ValidationReport): string {
  const { errors, warnings, notices } = report.summary;
  const files = report.files.length;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notices, "notice")} in ${plural(files, "file")} checked for ${report.model.name}`;
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

const PREFIX = /^(train|validation):(.+)$/;

/** `train:path` and `validation:path` set the role of one file; anything else takes --role, else tunegate.yml's. */
function datasetFile(arg: string, roleOf: (path: string) => DatasetRole, cwd: string): DatasetFile {
  const m = PREFIX.exec(arg);
  const path = m ? m[2]! : arg;
  return { path, role: m ? (m[1] as DatasetRole) : roleOf(path), name: displayName(path, cwd) };
}

function parseSeverities(specs: readonly string[]): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq <= 0)
      throw new UsageError(`--severity takes RULE=LEVEL, e.g. labels/imbalance=error; got "${spec}".`);
    const rule = spec.slice(0, eq);
    if (!findRule(rule)) {
      throw new UsageError(
        `--severity names an unknown rule "${rule}". Rule ids look like "claude/roles-alternate"; the report shows each problem's rule in brackets.`,
      );
    }
    out[rule] = oneOf(`--severity ${rule}=`, spec.slice(eq + 1), LEVELS);
  }
  return out;
}
