import { parseArgs } from "node:util";
import { isSourceFormat, SOURCE_FORMATS, TARGET_NAMES } from "@tunegate/core";
import { convertDatasetFile } from "@tunegate/usecases";
import { render, renderUploads } from "../convert-output";
import { EXIT, type Io, UsageError } from "../io";
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
    const { report, output, map, uploads, failed } = await convertDatasetFile(
      {
        input: positionals[0]!,
        to: values.to,
        output: values.output,
        map: values.map,
        from,
        lossy: values.lossy,
        uploadMedia: values["upload-media"],
        dryRun: values["dry-run"],
        cwd: io.cwd,
        env: io.env,
        validate: parallelOption(),
      },
      { name: (path) => displayName(path, io.cwd) },
    );
    if (uploads) io.stdout.write(renderUploads(uploads, values["dry-run"]));
    io.stdout.write(
      render(
        report,
        displayName(positionals[0]!, io.cwd),
        displayName(output, io.cwd),
        displayName(map, io.cwd),
        values.lossy,
      ),
    );
    return failed ? EXIT.problems : EXIT.ok;
  },
};
