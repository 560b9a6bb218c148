import { isUtf8 } from "node:buffer";
import { hash } from "node:crypto";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type DatasetIo, DatasetReadError, type DatasetWorker, type RandomAccessFile } from "@tunegate/core";

/** The dataset engine's I/O on this machine: what `ValidateOptions.io` takes wherever tunegate runs on Node. */
export const nodeDatasetIo: DatasetIo = {
  size: sizeOf,
  async *chunks(path: string): AsyncIterable<Buffer> {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    try {
      yield* stream as AsyncIterable<Buffer>;
    } finally {
      stream.destroy();
    }
  },
  open(path: string): RandomAccessFile {
    const fd = openSync(path, "r");
    return {
      read(offset, length) {
        const buf = Buffer.alloc(length);
        readSync(fd, buf, 0, length, offset);
        return buf;
      },
      close: () => closeSync(fd),
    };
  },
  // One call, no Hash object: the cheapest SHA-1 Node has (about 1 µs for a prompt).
  sha1: (text) => hash("sha1", text, "base64"),
  isUtf8: (bytes) => isUtf8(bytes),
  cores: () => availableParallelism(),
  startWorker(script, data): DatasetWorker {
    const worker = new Worker(script, { workerData: data });
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on("message", listener),
      onError: (listener) => worker.on("error", listener),
      onExit: (listener) => worker.on("exit", listener),
      terminate: async () => {
        await worker.terminate();
      },
    };
  },
};

async function sizeOf(path: string, name: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new DatasetReadError(`${name}: is a directory, not a dataset file.`);
    return info.size;
  } catch (err) {
    if (err instanceof DatasetReadError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatasetReadError(
      code === "ENOENT"
        ? `${name}: no such file. Check the path (it is relative to the current directory).`
        : `${name}: cannot be read (${code ?? String(err)}).`,
    );
  }
}
