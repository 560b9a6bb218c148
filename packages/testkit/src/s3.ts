import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export interface LocalS3 {
  /** http://127.0.0.1:<port>, for AWS_ENDPOINT_URL_S3 or an S3 client's `endpoint`. */
  endpoint: string;
  /** Where s3rver stores objects (removed on close). */
  directory: string;
  /** Static credentials s3rver accepts. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

/** s3rver, a real S3-compatible server, on loopback in a temp directory, with the given buckets. */
export async function startS3(
  options: { buckets?: readonly string[]; port?: number } = {},
): Promise<LocalS3> {
  const { buckets = [], port = 0 } = options;
  const directory = mkdtempSync(join(tmpdir(), "tunegate-s3-"));
  const server = new S3rver({
    port,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    directory,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
