import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export interface FileDigest {
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

/**
 * SHA-256 of a file, read as a stream so memory stays flat whatever the file size (Bedrock accepts
 * training files up to 10 GB). The 1 MiB read size keeps the number of hash updates low without holding
 * more than one chunk at a time.
 */
export async function sha256File(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
