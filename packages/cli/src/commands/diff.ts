import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DatasetReadError, type DatasetRole, diffDatasets, toDiffText } from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { versionOf } from "../dataset-version";
import { EXIT, type Io, UsageError } from "../io";
import { checkLabelPattern, DEFAULT_BASE_MODEL, oneOf, resolveModel, usageErrors } from "../options";
import { colorEnabled } from "../terminal";
import type { Command } from "./command";

const FORMATS = ["text", "json"] as const;
const ROLES = ["train", "validation"] as const;

const HELP = `Usage: tunegate diff <base> <head> [options]

Compares two versions of a dataset record by record, as the pull request comment does: records added,
removed and modified (a modified record kept its user turns and changed its reply or system prompt),
label shifts, tokens before and after, and a few of each kind of record.

<base> and <head> are files, or git-ref:path to read a version from the git repository in the current
directory: main:data/train.jsonl (path from the repository root) or HEAD~1:./train.jsonl (from here).

Options:
  --base-model ID         Base model whose record format applies (default: ${DEFAULT_BASE_MODEL})
  --label-pattern REGEX   Regex over the final assistant reply; its first group is the class label
  --role train|validation Role of the dataset, for the rules that differ (default: train)
  --samples N             Records shown of each kind (default: 3)
  --format text|json      Output format (default: text)
  -h, --help              Show this help

Exit status: 0 diff printed (problems in the data do not change it: run tunegate validate for those),
2 bad usage or unreadable input.

Examples:
  tunegate diff main:data/train.jsonl data/train.jsonl
  tunegate diff old/train.jsonl new/train.jsonl --label-pattern '^ROUTE: (\\S+)'
  tunegate diff origin/main:data/train.jsonl HEAD:data/train.jsonl --format json
`;

export const diff: Command = {
  name: "diff",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("diff", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          "base-model": { type: "string", default: DEFAULT_BASE_MODEL },
          "label-pattern": { type: "string" },
          role: { type: "string", default: "train" },
          samples: { type: "string", default: "3" },
          format: { type: "string", default: "text" },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 2) {
      throw new UsageError(
        `tunegate diff takes two versions of a dataset (base, then head); got ${positionals.length}. Run \`tunegate diff --help\` for usage.`,
      );
    }
    const format = oneOf("--format", values.format, FORMATS);
    const role = oneOf("--role", values.role, ROLES) as DatasetRole;
    const samples = Number(values.samples);
    if (!/^\d+$/.test(values.samples) || samples > 50) {
      throw new UsageError(`--samples takes a whole number from 0 to 50; got "${values.samples}".`);
    }
    const labelPattern = checkLabelPattern(values["label-pattern"]);
    const model = resolveModel(values["base-model"], io);

    const temp = mkdtempSync(join(tmpdir(), "tunegate-diff-"));
    try {
      const [baseArg, headArg] = positionals as [string, string];
      const base = await versionOf(baseArg, io.cwd, join(temp, "base.jsonl"));
      const head = await versionOf(headArg, io.cwd, join(temp, "head.jsonl"));
      const name = head.name;
      let review: Awaited<ReturnType<typeof diffDatasets>>;
      try {
        review = await diffDatasets([{ name, role, base: base.path, head: head.path, changed: true }], {
          validate: { model, io: nodeDatasetIo, ...(labelPattern === undefined ? {} : { labelPattern }) },
          samples,
        });
      } catch (err) {
        if (err instanceof DatasetReadError) throw new UsageError(err.message);
        throw err;
      }
      const result = review.diffs[0]!;
      io.stdout.write(
        format === "json"
          ? `${JSON.stringify({ versions: { base: base.name, head: head.name }, model: model.id, ...result }, null, 2)}\n`
          : toDiffText(result, {
              color: colorEnabled(io.stdout, io.env),
              baseName: base.name,
              headName: head.name,
            }),
      );
      return EXIT.ok;
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  },
};
