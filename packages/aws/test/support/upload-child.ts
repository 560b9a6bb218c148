/**
 * Runs one dataset upload in a process of its own and prints its memory figures as JSON, so the
 * measurement covers the upload code only (the test process also hosts s3rver and the fault proxy).
 * Bundled by esbuild and started with --expose-gc by the multipart memory test.
 */

import { uploadDataset } from "../../src/dataset-upload";
import { createS3Client } from "../../src/s3-client";

const [endpoint, bucket, key, file, sha256, bytes, partSize] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !endpoint || !bucket || !key || !file || !sha256 || !bytes || !partSize) {
  throw new Error(
    "usage: node --expose-gc upload-child.cjs <endpoint> <bucket> <key> <file> <sha256> <bytes> <partSize>",
  );
}
const client = createS3Client({
  endpoint,
  credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  env: {},
});
// Warm up the SDK (module init, credential and endpoint resolution) so the baseline excludes it.
await client.config.region();
gc();
const before = process.memoryUsage();
let peakLive = 0;
// Collecting before each sample measures memory still referenced, not garbage V8 has yet to free.
const sampler = setInterval(() => {
  gc();
  peakLive = Math.max(peakLive, process.memoryUsage().arrayBuffers - before.arrayBuffers);
}, 20);
const result = await uploadDataset({
  client,
  bucket,
  key,
  file,
  sha256,
  bytes: Number(bytes),
  partSize: Number(partSize),
});
clearInterval(sampler);
process.stdout.write(
  `${JSON.stringify({
    multipart: result.multipart,
    // maxRSS is the kernel's own peak (KiB), so no sample can miss it.
    peakRssGrowthBytes: process.resourceUsage().maxRSS * 1024 - before.rss,
    peakLiveBufferBytes: peakLive,
  })}\n`,
);
client.destroy();
