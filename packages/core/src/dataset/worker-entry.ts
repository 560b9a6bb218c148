import type { DatasetIo, WorkerChannel } from "./io";
import { LineChecker, type LineCheckerOptions } from "./line-checker";
import type { BatchReply, BatchRequest } from "./worker-pool";

/**
 * The body of a dataset worker thread: checks the batches the pool sends and sends each result back,
 * its typed arrays moved, not copied. The I/O edge runs it on a real thread (`runDatasetWorker` in
 * @tunegate/files); an entry point bundles a file that calls that, and passes its path as
 * `ValidateOptions.parallel.script`.
 */
export function serveDatasetWorker(channel: WorkerChannel, io: DatasetIo): void {
  const checker = new LineChecker(channel.data as LineCheckerOptions, io);
  channel.onMessage((message) => {
    const req = message as BatchRequest;
    try {
      const bytes = Buffer.from(
        req.batch.bytes.buffer,
        req.batch.bytes.byteOffset,
        req.batch.bytes.byteLength,
      );
      const result = checker.checkBatch({ ...req.batch, bytes }, req.options);
      const r = result.records;
      const spare = req.batch.bytes.buffer as ArrayBuffer;
      channel.post({ id: req.id, result, spare } satisfies BatchReply, [
        spare,
        r.line.buffer,
        r.offset.buffer,
        r.length.buffer,
        r.chars.buffer,
        r.turns.buffer,
        r.hasSystem.buffer,
        r.media.buffer,
        r.promptKey.buffer,
      ] as ArrayBuffer[]);
    } catch (err) {
      channel.post(
        { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) },
        [],
      );
    }
  });
}
