import { closeSync, createReadStream, openSync, statSync, writeSync } from "node:fs";
import { type ConvertOptions, type ConvertReport, convertRecords } from "@tunegate/core";
import { nodeDatasetIo } from "./dataset-io";

export interface ConvertFileOptions extends Omit<ConvertOptions, "io"> {
  /** Where to write the line map: line N holds the input line of output line N. */
  mapPath?: string;
}

/**
 * Converts the JSONL file `input` into `output` (see `convertRecords` in @tunegate/core): the input is
 * streamed 1 MiB at a time, the output and the line map are written as the records convert, and both
 * are closed whatever happens.
 */
export async function convertDataset(
  input: string,
  output: string,
  options: ConvertFileOptions,
): Promise<ConvertReport> {
  const { mapPath, ...convert } = options;
  const inputBytes = statSync(input).size;
  const out = openSync(output, "w");
  const mapOut = mapPath ? openSync(mapPath, "w") : undefined;
  const stream = createReadStream(input, { highWaterMark: 1 << 20 });
  try {
    return await convertRecords(
      {
        input: stream as AsyncIterable<Buffer>,
        inputBytes,
        output: { path: output, write: (chunk) => writeSync(out, chunk) },
        ...(mapOut === undefined ? {} : { map: { write: (lines: string) => writeSync(mapOut, lines) } }),
      },
      { ...convert, io: nodeDatasetIo },
    );
  } finally {
    stream.destroy();
    closeSync(out);
    if (mapOut !== undefined) closeSync(mapOut);
  }
}
