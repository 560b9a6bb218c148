import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";

/** A small JSONL dataset in the Claude 3 Haiku shape. */
export async function writeDataset(dir: string, name: string, records: number, seed = "a"): Promise<string> {
  const lines = Array.from({ length: records }, (_, i) =>
    JSON.stringify({
      system: "You route support tickets.",
      messages: [
        { role: "user", content: `Ticket ${seed}-${i}: my invoice is wrong` },
        { role: "assistant", content: "billing" },
      ],
    }),
  );
  const path = join(dir, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

/** A file of `bytes` random bytes, written in 1 MiB chunks so the test itself stays light on memory. */
export async function writeRandomFile(dir: string, name: string, bytes: number): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; ) {
    const size = Math.min(1024 * 1024, bytes - written);
    if (!out.write(randomBytes(size))) await once(out, "drain");
    written += size;
  }
  out.end();
  await finished(out);
  return path;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Streams an object back and returns its SHA-256 and size, without holding it in memory. */
export async function objectDigest(client: S3Client, bucket: string, key: string) {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest("hex"), bytes, metadata: object.Metadata ?? {} };
}
