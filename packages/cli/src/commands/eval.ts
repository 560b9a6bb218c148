import { parseArgs } from "node:util";
import { evaluateConfigModel } from "@tunegate/usecases";
import { loadCommandConfig } from "../config";
import { gateOptions, wholeNumber } from "../eval-input";
import { answersProgress, evalText } from "../eval-text";
import { EXIT, type Io, UsageError } from "../io";
import { usageErrors } from "../options";
import type { Command } from "./command";

const HELP = `Usage: tunegate eval --config FILE --model NAME --target MODEL [options]

Asks a model every prompt of a model's evaluation dataset (the "evaluation" file in tunegate.yml, in
the training format: each record's last assistant turn is the reference answer) through the Bedrock
Runtime Converse API, and scores the answers: exact match; for a classifier (the model's "labels"
pattern) accuracy, precision and recall per label and a confusion matrix; latency p50/p95; tokens and
their cost. With --baseline, the baseline model answers the same prompts for comparison.

A fine-tuned model is invoked through Provisioned Throughput: pass its provisioned model ARN as
--target. AWS credentials and Region come from the usual AWS environment and profiles; the Region
defaults to the model's Region in tunegate.yml.

Options:
  --config FILE          tunegate.yml (default: tunegate.yml)
  --model NAME           The model in tunegate.yml whose evaluation dataset and labels are used
  --target MODEL         Model id or ARN to evaluate (a provisioned model ARN for a custom model)
  --baseline MODEL       Model id or ARN to compare with, e.g. amazon.nova-lite-v1:0
  --dataset FILE         Evaluation dataset instead of the model's "evaluation" file
  --concurrency N        Calls in flight at most (default 4); throttling lowers it for a while
  --max-tokens N         Longest answer, in tokens (default 512)
  --output FILE          Write the results file (tunegate.eval/v1 JSON, see docs/eval-results.md)
  --min-accuracy X       Exit 1 when the target's accuracy (or exact-match rate) is below X (0.9 or 90%)
  --max-regression X     Exit 1 when the target trails the baseline by more than X
  --format pretty|json   Output format (default: pretty; json prints the results file)
  -h, --help             Show this help

Exit status: 0 evaluated (and every gate passed), 1 a gate failed, 2 bad usage or unreadable input.

Examples:
  tunegate eval --model support-router --target arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abc \\
    --baseline amazon.nova-lite-v1:0 --output eval-results.json
  tunegate eval --model support-router --target amazon.nova-lite-v1:0 --min-accuracy 85%
`;

export const evaluate: Command = {
  name: "eval",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("eval", () =>
      parseArgs({
        args,
        allowPositionals: false,
        strict: true,
        options: {
          config: { type: "string", default: "tunegate.yml" },
          model: { type: "string" },
          target: { type: "string" },
          baseline: { type: "string" },
          dataset: { type: "string" },
          concurrency: { type: "string", default: "4" },
          "max-tokens": { type: "string", default: "512" },
          output: { type: "string" },
          "min-accuracy": { type: "string" },
          "max-regression": { type: "string" },
          format: { type: "string", default: "pretty" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    void positionals;
    if (!values.model) throw new UsageError("--model is required: the name of a model in tunegate.yml.");
    if (!values.target) {
      throw new UsageError("--target is required: the model id or provisioned model ARN to evaluate.");
    }
    if (values.format !== "pretty" && values.format !== "json") {
      throw new UsageError(`--format takes pretty or json; got "${values.format}".`);
    }
    const concurrency = wholeNumber("--concurrency", values.concurrency, 1, 64);
    const maxTokens = wholeNumber("--max-tokens", values["max-tokens"], 1, 100_000);
    const gates = gateOptions(values["min-accuracy"], values["max-regression"]);

    const { configPath, config, models } = await loadCommandConfig(io, values.config, [values.model]);
    const { results, checks } = await evaluateConfigModel(
      {
        model: models[0]!,
        configPath,
        catalog: config.catalog,
        dataset: values.dataset,
        target: values.target,
        baseline: values.baseline,
        concurrency,
        maxTokens,
        gates,
        output: values.output,
        cwd: io.cwd,
        env: io.env,
      },
      {
        note: (text) => io.stderr.write(text),
        onProgress: answersProgress(io),
      },
    );
    io.stdout.write(
      values.format === "json" ? `${JSON.stringify(results, null, 2)}\n` : evalText(results, checks),
    );
    if (values.output && values.format === "pretty") io.stdout.write(`Results written to ${values.output}\n`);
    return checks.some((c) => !c.passed) ? EXIT.problems : EXIT.ok;
  },
};
