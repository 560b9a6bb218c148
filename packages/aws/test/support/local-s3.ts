/**
 * A real S3 stand-in for tests: s3rver on 127.0.0.1 (random port) storing into a fresh temp directory,
 * behind a fault proxy, plus an S3 client built by the production factory and pointed at the proxy.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { type FaultProxy, startFaultProxy, startS3 } from "@tunegate/testkit";
import { createS3Client } from "../../src/s3-client";

export interface LocalS3 {
  bucket: string;
  /** s3rver's storage directory. */
  directory: string;
  s3rverUrl: string;
  proxy: FaultProxy;
  /** Talks to s3rver through the proxy. */
  client: S3Client;
  /** A scratch directory for test files, removed on close. */
  scratch: string;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = "tunegate-datasets"): Promise<LocalS3> {
  const root = await mkdtemp(join(tmpdir(), "tunegate-aws-test-"));
  const scratch = join(root, "files");
  await mkdir(scratch);
  const server = await startS3({ buckets: [bucket] });
  const { directory, endpoint: s3rverUrl } = server;
  const proxy = await startFaultProxy(s3rverUrl);
  const client = createS3Client({
    endpoint: proxy.url,
    region: "us-west-2",
    // s3rver's built-in account; it does not check V4 signatures but needs a known access key id.
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    env: {},
  });
  return {
    bucket,
    directory,
    s3rverUrl,
    proxy,
    client,
    scratch,
    async close() {
      client.destroy();
      await proxy.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
