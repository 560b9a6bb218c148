import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { builtInCatalog } from "@tunegate/core";
import { distillDataset, distillPaths } from "@tunegate/usecases";
import { datasetSettings } from "../config";
import { estimateText, progressPrinter, shownPaths, summaryText } from "../distill-text";
import { wholeNumber } from "../eval-input";
import { EXIT, type Io, UsageError } from "../io";
import { usageErrors } from "../options";
import type { Command } from "./command";

const HELP = `Usage: tunegate distill --teacher MODEL --student BASE_MODEL <prompts.jsonl> -o <out.jsonl> [options]

Asks a teacher model every prompt through the Bedrock Runtime Converse API and writes the prompts with
its answers as a supervised training set for the student, in the student's format, then checks it under
the student's rules. Prompts: one {"prompt": "...", "system": "..."} per line, or records in any format
tunegate convert reads (a final assistant turn is replaced by the teacher's answer).

Every prompt that leaves no record (refused, empty or cut-off answer, over the student's token limit,
throttled past the retries, refused by the student's rules) is listed with its reason in
<out>.failures.jsonl. Answers are journaled in <out>.journal.jsonl as they arrive: run the same command
again after an interruption and only the prompts without an answer are asked.

Options:
  --teacher MODEL     Model id, inference profile id or ARN to ask, e.g. us.amazon.nova-pro-v1:0
  --student ID        The base model to train, from the catalog, e.g. amazon.nova-lite-v1:0:300k
  -o, --output FILE   Where to write the training set
  --max-cost USD      Stop before this run's calls could cost more (needs the teacher's prices)
  --concurrency N     Calls in flight at most (default 4); throttling lowers it for a while
  --max-tokens N      Longest answer, in tokens (default 1000)
  --dry-run           Print the estimate, ask nothing
  --config FILE       tunegate.yml whose "catalog:" adds models and prices (default: ./tunegate.yml if any)
  -h, --help          Show this help

Exit status: 0 every prompt written and the output clean, 1 a prompt left out, the cost cap reached or
an error in the output, 2 bad usage or unreadable input.

Examples:
  tunegate distill --teacher us.amazon.nova-pro-v1:0 --student amazon.nova-lite-v1:0:300k \\
    prompts.jsonl -o train.jsonl --max-cost 5
  tunegate distill --teacher us.amazon.nova-pro-v1:0 --student amazon.nova-micro-v1:0:128k prompts.jsonl -o t.jsonl --dry-run
`;

export const distill: Command = {
  name: "distill",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("distill", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          teacher: { type: "string" },
          student: { type: "string" },
          output: { type: "string", short: "o" },
          "max-cost": { type: "string" },
          concurrency: { type: "string", default: "4" },
          "max-tokens": { type: "string", default: "1000" },
          "dry-run": { type: "boolean", default: false },
          config: { type: "string" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const missing = [
      ["teacher", "--teacher is required: the model id to ask, e.g. us.amazon.nova-pro-v1:0."],
      ["student", "--student is required: the base model id to train, e.g. amazon.nova-lite-v1:0:300k."],
      ["output", "-o is required: where to write the training set."],
    ].find(([name]) => values[name as "teacher"] === undefined);
    if (missing) throw new UsageError(missing[1]!);
    if (positionals.length !== 1)
      throw new UsageError(`tunegate distill takes one prompts file; got ${positionals.length}.`);
    const maxCost = values["max-cost"] === undefined ? undefined : Number(values["max-cost"]);
    if (maxCost !== undefined && !(Number.isFinite(maxCost) && maxCost > 0))
      throw new UsageError(`--max-cost takes a positive number of US dollars; got "${values["max-cost"]}".`);
    const settings = await datasetSettings(io, values.config, undefined, []);
    const output = resolve(io.cwd, values.output!);
    const input = resolve(io.cwd, positionals[0]!);
    if (output === input) throw new UsageError("The output would overwrite the prompts; give another -o.");
    const shown = shownPaths(distillPaths(output), io.cwd);
    const report = await distillDataset({
      promptsPath: input,
      promptsName: positionals[0]!,
      outputPath: output,
      outputName: shown.output,
      teacher: values.teacher!,
      student: values.student!,
      catalog: settings?.config.catalog ?? builtInCatalog(),
      ...(maxCost === undefined ? {} : { maxCostUsd: maxCost }),
      concurrency: wholeNumber("--concurrency", values.concurrency, 1, 256),
      maxTokens: wholeNumber("--max-tokens", values["max-tokens"], 1, 100_000),
      dryRun: values["dry-run"],
      env: io.env,
      onEstimate: (e, reused) => io.stdout.write(estimateText(e, reused)),
      onProgress: progressPrinter(io.stderr),
    });
    if (report.dryRun) return EXIT.ok;
    io.stdout.write(summaryText(report, shown));
    const clean = (report.validation?.summary.errors ?? 0) === 0;
    return clean && report.failures.length === 0 ? EXIT.ok : EXIT.problems;
  },
};
