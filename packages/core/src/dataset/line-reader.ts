/** Longest line read into memory; a longer one is reported by its length and skipped, never buffered. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Whole lines of a file: `bytes` holds one or more lines, each ending in `\n` except maybe the last. */
export interface LineBatch {
  bytes: Buffer;
  /** Line number of the first line in `bytes`. */
  firstLine: number;
  /** File offset of `bytes[0]`. */
  offset: number;
}

export interface BatchSink {
  /** The first bytes of the file: return false to stop reading (it is not a JSONL file). */
  head(bytes: Buffer): boolean;
  /** A batch of whole lines. `bytes` may be reused after the returned promise settles. */
  batch(batch: LineBatch): Promise<void> | void;
  /** A line over MAX_LINE_BYTES, skipped. */
  overlong(line: number, offset: number, length: number): void;
}

/**
 * Streams a file's chunks (see DatasetIo.chunks, or a file as it is written: DatasetFile.chunks) as
 * batches of whole lines: memory stays flat whatever the file size (a chunk, plus one partial line
 * carried over to the next chunk). A line carried over is a batch of its own, and the chunk's other lines
 * one batch that is a view of the chunk, never copied here. Stopping early (the head is not
 * JSONL, or the sink throws) ends the chunks' iteration, which closes the file.
 */
export async function readChunkedLines(chunks: AsyncIterable<Buffer>, sink: BatchSink): Promise<void> {
  let carry: Buffer | undefined; // the unfinished last line of the previous chunks
  let carryOffset = 0;
  let skipping = false; // inside an over-long line, dropping bytes until its end
  let skipped = 0;
  let line = 1;
  let offset = 0; // file offset of the current chunk
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      if (!sink.head(chunk.subarray(0, 512))) return;
    }
    let start = 0;
    if (skipping) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        skipped += chunk.length;
        offset += chunk.length;
        continue;
      }
      sink.overlong(line, carryOffset, skipped + nl);
      skipping = false;
      line++;
      start = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(10);
    if (lastNl >= start && carry) {
      const end = chunk.indexOf(10, start) + 1;
      await sink.batch({
        bytes: Buffer.concat([carry, chunk.subarray(start, end)]),
        firstLine: line,
        offset: carryOffset,
      });
      carry = undefined;
      line++;
      start = end;
    }
    if (lastNl >= start) {
      const body = chunk.subarray(start, lastNl + 1);
      const batch = { bytes: body, firstLine: line, offset: offset + start };
      line += countNewlines(body);
      await sink.batch(batch);
      start = lastNl + 1;
    }
    if (start < chunk.length) {
      const tail = chunk.subarray(start);
      if (!carry) carryOffset = offset + start;
      // Copied: the stream may reuse the chunk's memory for the next read.
      carry = carry ? Buffer.concat([carry, tail]) : Buffer.from(tail);
      if (carry.length > MAX_LINE_BYTES) {
        skipping = true;
        skipped = carry.length;
        carry = undefined;
      }
    }
    offset += chunk.length;
  }
  if (skipping) sink.overlong(line, carryOffset, skipped);
  else if (carry) await sink.batch({ bytes: carry, firstLine: line, offset: carryOffset });
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
