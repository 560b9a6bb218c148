import type { DatasetIo, DatasetWorker } from "./io";
import type { BatchOptions, BatchResult, LineCheckerOptions } from "./line-checker";
import type { LineBatch } from "./line-reader";

/** How the engine may use worker threads; entry points that ship a worker bundle pass this. */
export interface ParallelOptions {
  /** The bundled worker entry (see `runDatasetWorker`), e.g. `new URL("./dataset-worker.js", import.meta.url)`. */
  script: string | URL;
  /** Worker threads beside the calling thread, which checks batches too; default: cores - 1, at most 3. */
  threads?: number;
  /** Files smaller than this are checked on the calling thread (default 64 MiB: below, a worker's start costs more than it saves). */
  minBytes?: number;
}

export interface BatchRequest {
  id: number;
  batch: LineBatch;
  options: BatchOptions;
}

/** A worker's answer, with the batch's buffer given back for the next batch. */
export interface BatchReply {
  id: number;
  result?: BatchResult;
  error?: string;
  spare?: ArrayBuffer;
}

/**
 * A few workers that each run the line checker on batches of lines. Results come back through
 * promises in submission order, so the file checker merges them in line order.
 */
export class BatchPool {
  readonly #workers: DatasetWorker[];
  /** Bytes in flight per worker: a batch goes to the least loaded (batch sizes vary a lot). */
  readonly #load: number[];
  /** Batches in flight per worker. */
  readonly #queued: number[];
  readonly #pending = new Map<
    number,
    { resolve: (r: BatchResult) => void; reject: (e: Error) => void; worker: number; bytes: number }
  >();
  /** Batch buffers the workers gave back, for the next batches. */
  readonly #spare: ArrayBuffer[] = [];
  #next = 0;
  #failed: Error | undefined;

  constructor(io: DatasetIo, script: string | URL, init: LineCheckerOptions, threads: number) {
    this.#load = Array.from({ length: threads }, () => 0);
    this.#queued = Array.from({ length: threads }, () => 0);
    this.#workers = Array.from({ length: threads }, () => {
      const worker = io.startWorker(script, init);
      worker.onMessage((message) => {
        const msg = message as BatchReply;
        const waiter = this.#pending.get(msg.id);
        if (!waiter) return;
        this.#pending.delete(msg.id);
        this.#load[waiter.worker]! -= waiter.bytes;
        this.#queued[waiter.worker]!--;
        if (msg.spare && this.#spare.length < this.#workers.length * 2) this.#spare.push(msg.spare);
        if (msg.result) waiter.resolve(msg.result);
        else waiter.reject(new Error(msg.error ?? "dataset worker failed"));
      });
      worker.onError((err) => this.#fail(err));
      worker.onExit((code) => {
        if (code !== 0) this.#fail(new Error(`dataset worker exited with code ${code}`));
      });
      return worker;
    });
  }

  /**
   * Whether a worker can take another batch: each may queue two, so it never waits while the calling
   * thread checks a batch itself.
   */
  get hasIdleWorker(): boolean {
    return this.#queued.some((n) => n < 2);
  }

  run(batch: LineBatch, options: BatchOptions): Promise<BatchResult> {
    if (this.#failed) return Promise.reject(this.#failed);
    const id = this.#next++;
    // A copy the worker owns (the reader may reuse the chunk's memory), in a buffer a worker gave back:
    // memory stays at a few buffers in flight instead of a new megabyte per batch awaiting collection.
    const length = batch.bytes.length;
    const spare = this.#spare.findIndex((b) => b.byteLength >= length);
    const buffer =
      spare === -1 ? new ArrayBuffer(Math.max(length, 1 << 20)) : this.#spare.splice(spare, 1)[0]!;
    const bytes = new Uint8Array(buffer, 0, length);
    bytes.set(batch.bytes);
    const request: BatchRequest = {
      id,
      batch: { bytes: bytes as Buffer, firstLine: batch.firstLine, offset: batch.offset },
      options,
    };
    const worker = this.#load.indexOf(Math.min(...this.#load));
    this.#load[worker]! += bytes.length;
    this.#queued[worker]!++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, worker, bytes: bytes.length });
      this.#workers[worker]!.post(request, [bytes.buffer as ArrayBuffer]);
    });
  }

  #fail(err: Error): void {
    this.#failed ??= err;
    for (const waiter of this.#pending.values()) waiter.reject(err);
    this.#pending.clear();
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
