// Starts s3rver (in a temporary directory), the Bedrock stand-in and the Runtime stand-in for manual
// use, and prints where they listen. Environment: BUCKETS (comma-separated, default "tunegate"),
// S3_PORT / BEDROCK_PORT / RUNTIME_PORT (default: free ports), JOB_DURATION_MS (default 30000),
// AWS_REGION (default us-west-2).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { startBedrockRuntimeStandIn, startBedrockStandIn } from "./index.js";

const env = process.env;
const region = env.AWS_REGION ?? "us-west-2";
const buckets = (env.BUCKETS ?? "tunegate").split(",").filter((name) => name !== "");
const directory = await mkdtemp(join(tmpdir(), "tunegate-s3rver-"));
const s3rver = new S3rver({
  address: "127.0.0.1",
  port: Number(env.S3_PORT ?? 0),
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
const { port: s3Port } = await s3rver.run();
const s3Endpoint = `http://127.0.0.1:${s3Port}`;
const bedrock = await startBedrockStandIn({
  region,
  port: Number(env.BEDROCK_PORT ?? 0),
  jobDurationMs: Number(env.JOB_DURATION_MS ?? 30_000),
  s3: { endpoint: s3Endpoint, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } },
});
const runtime = await startBedrockRuntimeStandIn({
  region,
  port: Number(env.RUNTIME_PORT ?? 0),
  provisionedModels: bedrock,
});

console.log(`S3 (s3rver)      ${s3Endpoint}  buckets: ${buckets.join(", ")}  credentials: S3RVER / S3RVER`);
console.log(`Bedrock          ${bedrock.url}  region: ${region}`);
console.log(`Bedrock Runtime  ${runtime.url}`);
console.log("Press Ctrl+C to stop.");

async function shutdown(): Promise<void> {
  await Promise.allSettled([runtime.close(), bedrock.close(), s3rver.close()]);
  await rm(directory, { recursive: true, force: true });
  process.exit(0);
}
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
