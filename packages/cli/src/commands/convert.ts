import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  CatalogError,
  type ConvertReport,
  type ConvertTarget,
  convertDataset,
  isSourceFormat,
  resolveCatalog,
  resolveTarget,
  SOURCE_FORMATS,
  TARGET_NAMES,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { EXIT, type Io, UsageError } from "../io";
import { type MediaUploads, mediaUploads, parseMediaPrefix } from "../media-upload";
import { displayName, usageErrors } from "../options";
import { parallelOption } from "../parallel";
import type { Command } from "./command";

const HELP = `Usage: tunegate convert <in.jsonl> --to <base model id or format> [options]

Converts a dataset between the OpenAI chat, Claude, Converse (Nova, Llama 3.2+), prompt/completion
(Llama 3.1) and reinforcement fine-tuning formats, line by line, keeping line order. The source format
is detected from the records (and printed) unless --from gives it. Every record that cannot be converted
exactly is listed with its line and what it would lose (weight 0 turns, speaker names, tool calls, images
not in S3, system messages inside the conversation, ...); --lossy writes it without those and says what
was dropped. The output is then checked under the target model's rules: the command fails when it is not
clean. A line map beside the output gives, on line N, the input line of output line N.

Options:
  --to ID|FORMAT      Target: a base model id, or one of ${TARGET_NAMES.join(", ")}
  -o, --output FILE   Where to write (default: <in>.<format>.jsonl beside the input)
  --from FORMAT       Source format: ${SOURCE_FORMATS.join(", ")} (default: detected)
  --lossy             Write records that lose something, without it, instead of leaving them out
  --map FILE          Where to write the line map (default: <output>.lines)
  --upload-media S3URI
                      Upload inline (base64) images to this S3 prefix, under <sha256>.<format>, and
                      reference them (Bedrock reads training media from S3 only). Images already
                      there are not sent again. Images by URL are reported, never fetched.
  --dry-run           With --upload-media: list what would be uploaded, send nothing
  -h, --help          Show this help

The rft target takes each record's last assistant turn as its reference_answer.

Exit status: 0 every record written and the output clean, 1 a record left out or an error in the
output, 2 bad usage or unreadable input.

Examples:
  tunegate convert train.jsonl --to amazon.nova-lite-v1:0:300k -o train.nova.jsonl
  tunegate convert openai.jsonl --to rft --lossy
  tunegate convert train.nova.jsonl --to claude --from bedrock-conversation-2024
  tunegate convert openai.jsonl --to amazon.nova-lite-v1:0:300k --upload-media s3://my-bucket/media/
`;

const SUFFIX: Record<ConvertTarget["format"], string> = {
  "openai-chat": "openai",
  "claude-messages": "claude",
  "bedrock-conversation-2024": "converse",
  "prompt-completion": "prompt-completion",
  "rft-chat": "rft",
};

export const convert: Command = {
  name: "convert",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values, positionals } = usageErrors("convert", () =>
      parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          to: { type: "string" },
          output: { type: "string", short: "o" },
          from: { type: "string" },
          lossy: { type: "boolean", default: false },
          map: { type: "string" },
          "upload-media": { type: "string" },
          "dry-run": { type: "boolean", default: false },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1)
      throw new UsageError(
        `tunegate convert takes one dataset file; got ${positionals.length}. Run \`tunegate convert --help\` for usage.`,
      );
    if (values.to === undefined)
      throw new UsageError(
        "--to is required: a base model id or a format. Run `tunegate convert --help` for usage.",
      );
    const from = values.from;
    if (from !== undefined && !isSourceFormat(from))
      throw new UsageError(`--from takes ${SOURCE_FORMATS.join(", ")}; got "${from}".`);
    let target: ConvertTarget;
    try {
      target = resolveTarget(values.to, resolveCatalog());
    } catch (err) {
      if (err instanceof CatalogError)
        throw new UsageError(
          `--to "${values.to}" is neither a format (${TARGET_NAMES.join(", ")}) nor a known base model: ${err.message}`,
        );
      throw err;
    }
    const input = resolve(io.cwd, positionals[0]!);
    if (!existsSync(input)) throw new UsageError(`Cannot read ${positionals[0]}: no such file.`);
    const outArg =
      values.output ?? `${positionals[0]!.replace(/\.jsonl$/, "")}.${SUFFIX[target.format]}.jsonl`;
    const output = resolve(io.cwd, outArg);
    if (output === input) throw new UsageError("The output would overwrite the input; give another -o.");
    const mapArg = values.map ?? `${outArg}.lines`;
    const mediaArg = values["upload-media"];
    if (values["dry-run"] && mediaArg === undefined)
      throw new UsageError(
        "--dry-run plans the uploads of --upload-media; give --upload-media s3://bucket/prefix/.",
      );
    let uploads: MediaUploads | undefined;
    if (mediaArg !== undefined) {
      if (target.format !== "bedrock-conversation-2024" || !target.support.images)
        throw new UsageError(
          `--upload-media is for targets that read images from S3; ${target.model?.name ?? target.format} does not.`,
        );
      uploads = mediaUploads(parseMediaPrefix(mediaArg), { dryRun: values["dry-run"], env: io.env });
    }

    let report: ConvertReport;
    try {
      report = await convertDataset(input, output, {
        target,
        io: nodeDatasetIo,
        ...(from === undefined ? {} : { from }),
        lossy: values.lossy,
        mapPath: resolve(io.cwd, mapArg),
        outputName: displayName(outArg, io.cwd),
        validate: parallelOption(),
        ...(uploads ? { media: uploads.sink } : {}),
      });
    } finally {
      uploads?.close();
    }
    if (uploads) io.stdout.write(renderUploads(uploads, values["dry-run"]));
    io.stdout.write(
      render(
        report,
        displayName(positionals[0]!, io.cwd),
        displayName(outArg, io.cwd),
        displayName(mapArg, io.cwd),
        values.lossy,
      ),
    );
    const left = report.records - report.written;
    return left > 0 || (report.validation?.summary.errors ?? 0) > 0 ? EXIT.problems : EXIT.ok;
  },
};

/** What --upload-media sent, found already there, or (dry run) would send. */
function renderUploads(uploads: MediaUploads, dryRun: boolean): string {
  const objects = uploads.objects();
  const count = (state: string) => objects.filter((o) => o.state === state).length;
  const head = dryRun
    ? `Media (dry run): ${plural(count("planned"), "image")} would be uploaded; nothing was sent`
    : `Media: ${plural(count("uploaded"), "image")} uploaded, ${count("present").toLocaleString("en-US")} already there`;
  const lines = [head];
  for (const o of objects.slice(0, MAX_PROBLEMS_SHOWN))
    lines.push(
      `  ${o.state === "planned" ? "would upload" : o.state === "uploaded" ? "uploaded" : "already there"} ${o.uri} (${plural(o.bytes, "byte")})`,
    );
  if (objects.length > MAX_PROBLEMS_SHOWN)
    lines.push(`  ... and ${objects.length - MAX_PROBLEMS_SHOWN} more`);
  return `${lines.join("\n")}\n`;
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
const MAX_PROBLEMS_SHOWN = 50;

function render(
  report: ConvertReport,
  inName: string,
  outName: string,
  mapName: string,
  lossy: boolean,
): string {
  const lines: string[] = [];
  const model = report.target.model;
  lines.push(
    `${inName}: read as ${report.from} (${report.detected ? "detected" : "--from"}), written as ${report.target.format}${model ? ` for ${model.name}` : ""} to ${outName}`,
  );
  const withLosses = report.notes.filter((n) => n.written).length;
  const left = report.records - report.written;
  lines.push(
    `${plural(report.records, "record")}: ${report.written.toLocaleString("en-US")} written (${report.exact.toLocaleString("en-US")} exactly${withLosses > 0 ? `, ${withLosses} without what they could not carry` : ""}), ${left.toLocaleString("en-US")} left out`,
  );
  for (const note of report.notes) {
    lines.push(`${inName}:${note.line}: ${note.written ? "written without" : "not converted:"}`);
    for (const loss of note.losses) lines.push(`  - ${loss.path ? `${loss.path}: ` : ""}${loss.what}`);
  }
  if (report.notesOmitted > 0)
    lines.push(`... and ${plural(report.notesOmitted, "more record")} with losses`);
  if (left > 0 && !lossy && report.notes.some((n) => !n.losses.some((l) => l.fatal)))
    lines.push("Run with --lossy to write those records without what they cannot carry.");
  const v = report.validation;
  if (!v)
    lines.push(
      `No Bedrock model trains on ${report.target.format}: the output was not checked against a model's rules.`,
    );
  else {
    const { errors, warnings, notices } = v.summary;
    lines.push(
      `${outName} checked under ${v.model.name}: ${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notices, "notice")}`,
    );
    const problems = v.files.flatMap((f) => f.problems);
    for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) {
      lines.push(
        `  ${outName}:${p.line}:${p.column} (input line ${report.inputLine(p.line)}) ${p.severity} ${p.rule}: ${p.message}`,
      );
    }
    if (problems.length > MAX_PROBLEMS_SHOWN)
      lines.push(`  ... and ${problems.length - MAX_PROBLEMS_SHOWN} more`);
  }
  lines.push(`Line map: ${mapName} (line N holds the input line of output line N)`);
  return `${lines.join("\n")}\n`;
}
