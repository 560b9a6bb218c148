import type { Catalog } from "../catalog/catalog";
import type { BaseModel } from "../catalog/schema";
import type { DatasetIo } from "../dataset/io";
import { readChunkedLines } from "../dataset/line-reader";
import { type ValidateOptions, type ValidationReport, validateDatasets } from "../dataset/validate";
import { isObject } from "../rules/conversation";
import { reinforcementModel } from "../rules/rft-format";
import { type MediaSink, uploadInlineImages } from "./media";
import { type Chat, type Loss, UnreadableRecord } from "./model";
import { detectFormat, READERS, SOURCE_FORMATS, type SourceFormat } from "./readers";
import { type TargetFormat, type TargetSupport, WRITERS } from "./writers";

export interface ConvertTarget {
  format: TargetFormat;
  /** The base model whose rules the output must pass; absent for a format no Bedrock model trains on. */
  model?: BaseModel;
  support: TargetSupport;
}

const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const NOVA_2_LITE = "amazon.nova-2-lite-v1:0:256k";
/** Format names `--to` takes, and the catalog model whose rules check each. */
const FORMAT_NAMES: Record<string, { format: TargetFormat; model?: string[] }> = {
  openai: { format: "openai-chat" },
  "openai-chat": { format: "openai-chat" },
  claude: { format: "claude-messages", model: ["anthropic.claude-3-haiku-20240307-v1:0:200k"] },
  "claude-messages": { format: "claude-messages", model: ["anthropic.claude-3-haiku-20240307-v1:0:200k"] },
  converse: { format: "bedrock-conversation-2024", model: [NOVA_LITE] },
  nova: { format: "bedrock-conversation-2024", model: [NOVA_LITE] },
  "bedrock-conversation-2024": { format: "bedrock-conversation-2024", model: [NOVA_LITE] },
  "prompt-completion": { format: "prompt-completion", model: ["meta.llama3-1-8b-instruct-v1:0:128k"] },
  rft: { format: "rft-chat", model: [NOVA_2_LITE, NOVA_LITE] },
  "rft-chat": { format: "rft-chat", model: [NOVA_2_LITE, NOVA_LITE] },
};
export const TARGET_NAMES = Object.keys(FORMAT_NAMES);

/**
 * `--to`: a format name or a base model id. A model's catalog entry decides its format and the media it
 * takes. Tool use and reasoning blocks are written only where the target's rules accept them: reasoning
 * blocks where the model's family takes them (Nova 2 Lite); tool blocks nowhere yet, since no model's
 * rules accept them in a training record, so they are reported for every Bedrock target.
 */
export function resolveTarget(to: string, catalog: Catalog): ConvertTarget {
  const named = FORMAT_NAMES[to];
  let model: BaseModel | undefined;
  if (named) {
    const id = named.model?.find((m) => catalog.models.some((x) => x.id === m));
    model = id === undefined ? undefined : catalog.get(id);
    if (named.format === "rft-chat" && model) model = reinforcementModel(model);
  } else model = catalog.get(to); // throws CatalogError naming the known ids
  const format = named?.format ?? model!.format;
  return {
    format,
    ...(model ? { model } : {}),
    support: {
      tools: false,
      reasoning: format === "bedrock-conversation-2024" && model?.family === "nova-2",
      images: format === "openai-chat" || model?.media?.images === true,
      videos: model?.media?.videos === true,
    },
  };
}

export interface ConvertOptions {
  target: ConvertTarget;
  /** The source format; detected from the records when absent. */
  from?: SourceFormat;
  /** Write what can be carried and report what was dropped, instead of refusing the record. */
  lossy?: boolean;
  /** How the output is named in validation problems. */
  outputName?: string;
  /** Files, digests and threads (`nodeDatasetIo` of @tunegate/files). */
  io: DatasetIo;
  /** Passed to the validation of the output (worker threads, severities). */
  validate?: Pick<ValidateOptions, "parallel" | "severities">;
  /** Records listed in the report; the rest are counted (default 1000). */
  maxListed?: number;
  /**
   * Where inline (base64) images go when the target reads media from S3: each is decoded and replaced by
   * the URI the sink gives. Without a sink they are reported, as are images by URL either way.
   */
  media?: MediaSink;
}

/** A record that could not be converted exactly: written without what it lost (lossy), or not at all. */
export interface RecordNote {
  line: number;
  losses: Loss[];
  written: boolean;
}

export interface ConvertReport {
  from: SourceFormat;
  /** Whether the source format was detected (true) or given. */
  detected: boolean;
  target: { format: TargetFormat; model?: { id: string; name: string } };
  records: number;
  written: number;
  /** Records converted with nothing lost. */
  exact: number;
  notes: RecordNote[];
  /** Notes beyond the listing limit, counted. */
  notesOmitted: number;
  /** The output checked under the target model's rules (absent when no model trains on the format). */
  validation?: ValidationReport;
  /** The input line of an output line. */
  inputLine(outputLine: number): number;
}

export function isSourceFormat(name: string): name is SourceFormat {
  return (SOURCE_FORMATS as readonly string[]).includes(name);
}

/**
 * The files a conversion reads and writes, opened by the I/O edge (`convertDataset` in @tunegate/files).
 * Writes are synchronous appends: a chunk is in the output file before the validator is handed it, so
 * the validator can read any line of it back.
 */
export interface ConvertIo {
  /** The input dataset's bytes, in order. */
  input: AsyncIterable<Buffer>;
  /** Size of the input in bytes (the validator's size hint). */
  inputBytes: number;
  /** The output file: its path (for validation) and an append. */
  output: { path: string; write(chunk: Buffer): void };
  /** The line map, if one is kept: line N holds the input line of output line N. */
  map?: { write(lines: string): void };
}

/**
 * Converts a JSONL dataset line by line (memory stays flat: one batch of lines at a time, and four
 * bytes per record for the line map), then checks the output under the target model's rules. Line order
 * is kept; a record that is not written leaves no line, which the line map accounts for.
 */
export async function convertRecords(io: ConvertIo, options: ConvertOptions): Promise<ConvertReport> {
  const output = io.output.path;
  const { target, lossy = false } = options;
  const maxListed = options.maxListed ?? 1000;
  const writer = WRITERS[target.format];
  let from = options.from;
  const notes: RecordNote[] = [];
  let notesOmitted = 0;
  let records = 0;
  let exact = 0;
  let map = new Int32Array(1024);
  let written = 0;
  const note = (n: RecordNote) => {
    if (notes.length < maxListed) notes.push(n);
    else notesOmitted++;
  };

  const media =
    target.format === "bedrock-conversation-2024" && target.support.images ? options.media : undefined;
  const refused = (err: unknown, losses: Loss[]) => {
    if (!(err instanceof UnreadableRecord || err instanceof SyntaxError)) throw err;
    const unreadable = err instanceof UnreadableRecord;
    const message = (err as Error).message;
    losses.push({
      path: unreadable ? err.path : "",
      what: unreadable ? message : `invalid JSON (${message})`,
      fatal: true,
    });
  };
  const finish = (value: unknown, losses: Loss[], current: number): string | undefined => {
    const write = value !== undefined && (losses.length === 0 || (lossy && !losses.some((l) => l.fatal)));
    if (losses.length === 0) exact++;
    else note({ line: current, losses, written: write });
    if (!write) return undefined;
    if (written === map.length) {
      const grown = new Int32Array(map.length * 2);
      grown.set(map);
      map = grown;
    }
    map[written++] = current;
    return JSON.stringify(value);
  };

  /** Synchronous unless the record has inline images to upload: most records never wait. */
  const convertLine = (raw: string, current: number): string | undefined | Promise<string | undefined> => {
    records++;
    const losses: Loss[] = [];
    let chat: Chat;
    try {
      const record: unknown = JSON.parse(raw);
      if (!isObject(record)) throw new UnreadableRecord("The line is not a JSON object.");
      from ??= detectFormat(record);
      // Until a record shows its format, plain chat records read the same as OpenAI's or Claude's.
      chat = READERS[from ?? "openai-chat"](record, losses);
    } catch (err) {
      refused(err, losses);
      return finish(undefined, losses, current);
    }
    const write = () => {
      let value: unknown;
      try {
        value = writer(chat, target.support, losses);
      } catch (err) {
        refused(err, losses);
      }
      return finish(value, losses, current);
    };
    const uploading = media ? uploadInlineImages(chat, media, losses) : undefined;
    return uploading ? uploading.then(write) : write();
  };

  /*
   * The converted file as it is written, one chunk per batch of input lines. Each chunk is in the file
   * before it is handed on (synchronous writes), so the validator can check it while the next batch
   * converts, and read any line back.
   */
  async function* convertedChunks(): AsyncGenerator<Buffer> {
    const queue: Buffer[] = [];
    let done = false;
    let wake: (() => void) | undefined; // the checker waits for a chunk
    let taken: (() => void) | undefined; // the converter waits for the checker to take one
    const reading = readChunkedLines(io.input, {
      head: () => true,
      overlong: (line, _offset, length) => {
        records++;
        note({
          line,
          losses: [{ path: "", what: `a line of ${length} bytes, too long to read`, fatal: true }],
          written: false,
        });
      },
      batch: async ({ bytes, firstLine }) => {
        let text = "";
        let lines = "";
        let line = firstLine;
        for (const raw of bytes.toString("utf8").split("\n")) {
          const current = line++;
          if (raw.trim() === "") continue;
          const converted = convertLine(raw, current);
          const json = typeof converted === "object" ? await converted : converted;
          if (json === undefined) continue;
          text += `${json}\n`;
          lines += `${current}\n`;
        }
        if (text === "") return;
        const chunk = Buffer.from(text);
        io.output.write(chunk);
        io.map?.write(lines);
        queue.push(chunk);
        wake?.();
        // Converting runs at most two batches ahead of checking: memory stays flat.
        while (queue.length >= 2)
          await new Promise<void>((r) => {
            taken = r;
          });
      },
    });
    reading.then(
      () => {
        done = true;
        wake?.();
      },
      () => {
        done = true;
        wake?.();
      },
    );
    while (true) {
      if (queue.length > 0) {
        const chunk = queue.shift()!;
        taken?.();
        taken = undefined;
        yield chunk;
        continue;
      }
      if (done) break;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = undefined;
    }
    await reading; // rethrows a read error
  }

  const model = target.model;
  let validation: ValidationReport | undefined;
  if (model) {
    validation = await validateDatasets(
      [
        {
          path: output,
          role: "train",
          name: options.outputName ?? output,
          chunks: convertedChunks(),
          sizeHint: io.inputBytes,
        },
      ],
      { model, io: options.io, ...options.validate },
    );
  } else for await (const _ of convertedChunks());
  const lineMap = map;
  return {
    from: from ?? "openai-chat",
    detected: options.from === undefined,
    target: { format: target.format, ...(model ? { model: { id: model.id, name: model.name } } : {}) },
    records,
    written,
    exact,
    notes,
    notesOmitted,
    ...(validation ? { validation } : {}),
    inputLine: (n) => lineMap[n - 1] ?? 0,
  };
}
