import { createReadStream } from "node:fs";

/** Longest line read into memory; a longer one is reported by its length and skipped, never buffered. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface LineSink {
  /** The first bytes of the file, before any line: return false to stop reading (not a JSONL file). */
  head(bytes: Buffer): boolean;
  /** One line without its `\n`. `bytes` is valid only during the call. */
  line(bytes: Buffer, lineNumber: number, byteOffset: number): void;
  /** A line over MAX_LINE_BYTES, skipped. */
  overlong(lineNumber: number, byteOffset: number, length: number): void;
  /** Called after each chunk's lines, to finish any asynchronous work they queued. */
  flush(): Promise<void>;
  progress(bytesRead: number): void;
}

/**
 * Streams a file line by line in 1 MiB chunks. Lines are handed over as views into the chunk, so
 * memory stays flat whatever the file size: a chunk, plus one partial line carried to the next chunk.
 */
export async function readLines(path: string, sink: LineSink): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let carry: Buffer | undefined;
  let carryStart = 0;
  let skipping = false; // inside an over-long line, dropping bytes until its end
  let skippedLength = 0;
  let lineNumber = 1;
  let offset = 0; // file offset of the first byte of the current chunk
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (!sink.head(chunk.subarray(0, 512))) {
        stream.destroy();
        return;
      }
    }
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      if (skipping) {
        sink.overlong(lineNumber, carryStart, skippedLength + nl);
        skipping = false;
      } else if (carry) {
        const whole = Buffer.concat([carry, chunk.subarray(0, nl)]);
        carry = undefined;
        if (whole.length > MAX_LINE_BYTES) sink.overlong(lineNumber, carryStart, whole.length);
        else sink.line(whole, lineNumber, carryStart);
      } else sink.line(chunk.subarray(start, nl), lineNumber, offset + start);
      lineNumber++;
      start = nl + 1;
    }
    if (start < chunk.length) {
      if (skipping) skippedLength += chunk.length - start;
      else {
        if (!carry) carryStart = offset + start;
        // Copy: the stream may reuse the chunk's memory for the next read.
        carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
        if (carry.length > MAX_LINE_BYTES) {
          skipping = true;
          skippedLength = carry.length;
          carry = undefined;
        }
      }
    }
    offset += chunk.length;
    await sink.flush();
    sink.progress(offset);
  }
  if (skipping) sink.overlong(lineNumber, carryStart, skippedLength);
  else if (carry) sink.line(carry, lineNumber, carryStart);
  await sink.flush();
}
