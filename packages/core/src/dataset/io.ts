/**
 * What the dataset engine needs of the machine it runs on: file bytes, a digest, a UTF-8 check and
 * worker threads. Core decides what to check; the I/O edge (@tunegate/files: `nodeDatasetIo`) supplies
 * these, so the engine itself reads nothing and starts nothing.
 */
export interface DatasetIo {
  /** The file's size in bytes. Throws DatasetReadError (naming the file as `name`) when it cannot be read. */
  size(path: string, name: string): Promise<number>;
  /** The file's bytes, in chunks of about 1 MiB; memory stays flat whatever the file's size. */
  chunks(path: string): AsyncIterable<Buffer>;
  /** Opens the file to read lines back at their offsets (duplicates are confirmed on the texts). */
  open(path: string): RandomAccessFile;
  /**
   * SHA-1 of the string's UTF-8 bytes, in base64: prompt keys and record identities. A string, not a
   * Buffer: it is made once a record, and a Buffer costs more to make than the digest itself.
   */
  sha1(text: string): string;
  /** Whether the bytes are valid UTF-8. */
  isUtf8(bytes: Buffer): boolean;
  /** Processors this process may use. */
  cores(): number;
  /** Starts a worker thread running `script` (see ParallelOptions) with `data` as its start-up data. */
  startWorker(script: string | URL, data: unknown): DatasetWorker;
}

export interface RandomAccessFile {
  read(offset: number, length: number): Buffer;
  close(): void;
}

/** A worker thread as the batch pool sees it. */
export interface DatasetWorker {
  /** Sends a message; the listed buffers move to the worker (no copy). */
  post(message: unknown, transfer: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  onError(listener: (error: Error) => void): void;
  onExit(listener: (code: number) => void): void;
  terminate(): Promise<void>;
}

/** The calling side of a worker thread's channel, for `runDatasetWorker`. */
export interface WorkerChannel {
  /** The start-up data the pool gave the worker. */
  data: unknown;
  onMessage(listener: (message: unknown) => void): void;
  post(message: unknown, transfer: ArrayBuffer[]): void;
}
