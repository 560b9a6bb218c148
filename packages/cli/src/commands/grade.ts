import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { lambdaGrader } from "@tunegate/aws";
import { DEFAULT_GRADE_SAMPLE, DEFAULT_TOP_SCORE, gradeDataset } from "@tunegate/usecases";
import { wholeNumber } from "../eval-input";
import { configuredGrader, gradeText, topScoreOf } from "../grade-text";
import { EXIT, type Io, UsageError } from "../io";
import { displayName, oneOf, usageErrors } from "../options";
import type { Command } from "./command";

const HELP = `Usage: tunegate grade [--grader ARN] [--sample N] [options] FILE

Checks a reinforcement fine-tuning grader (an AWS Lambda function) before a job pays for it: sends it a
sample of FILE's records in AWS's request shape, each with its own reference_answer as the model's
reply, and fails when the grader crashes, times out, answers in the wrong shape, leaves a record out,
or gives a reference answer less than the top score. Each failure names the record's line and id.

The sample is deterministic: the records whose lines have the smallest SHA-256, the same on every run.
The grader is --grader, else the reinforcement.grader of the model in tunegate.yml whose dataset FILE
is. AWS credentials come from the usual environment and profiles; they need lambda:InvokeFunction on
the grader.

Options:
  --grader ARN           The grader's Lambda function ARN (or name)
  --sample N             Records to grade (default ${DEFAULT_GRADE_SAMPLE})
  --top-score X          Lowest score a reference answer may get (default ${DEFAULT_TOP_SCORE}, AWS's 0-1 scale)
  --reply-field NAME     For object reference answers: the field whose text is the ideal reply
  --config FILE          tunegate.yml (default: tunegate.yml, when there is one)
  --model NAME           The model in tunegate.yml whose grader to check
  --format pretty|json   Output format (default: pretty)
  -h, --help             Show this help

Exit status: 0 the grader passed, 1 it failed the check, 2 bad usage or nothing to grade.

Examples:
  tunegate grade --grader arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader data/rft/train.jsonl
  tunegate grade --sample 50 data/rft/train.jsonl
`;

export const grade: Command = {
  name: "grade",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("grade", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          grader: { type: "string" },
          sample: { type: "string", default: String(DEFAULT_GRADE_SAMPLE) },
          "top-score": { type: "string", default: String(DEFAULT_TOP_SCORE) },
          "reply-field": { type: "string" },
          config: { type: "string" },
          model: { type: "string" },
          format: { type: "string", default: "pretty" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError("Give one dataset: tunegate grade [options] FILE.");
    const format = oneOf("--format", values.format, ["pretty", "json"] as const);
    const sample = wholeNumber("--sample", values.sample, 1, 1_000);
    const topScore = topScoreOf(values["top-score"]);
    const file = positionals[0]!;
    const path = resolve(io.cwd, file);
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${file}: no such file.`);

    const grader = values.grader ?? (await configuredGrader(io, values.config, values.model, file));
    const lambda = lambdaGrader({ env: io.env });
    const result = await gradeDataset(
      {
        path,
        name: displayName(file, io.cwd),
        grader,
        sample,
        topScore,
        ...(values["reply-field"] === undefined ? {} : { replyField: values["reply-field"] }),
      },
      lambda.invoke,
    ).finally(() => lambda.destroy());
    if (result.graded.length === 0) {
      throw new UsageError(
        `${file} has no record to grade (${result.records} record(s), none with messages and a reference_answer).`,
      );
    }
    io.stdout.write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : gradeText(result));
    return result.problems.length > 0 ? EXIT.problems : EXIT.ok;
  },
};
