import { startS3 } from "@tunegate/testkit";
import { startBedrockRuntimeStandIn, startBedrockStandIn } from "./index.js";

const env = process.env;
const region = env.AWS_REGION ?? "us-west-2";
const buckets = (env.BUCKETS ?? "tunegate").split(",").filter((name) => name !== "");
const s3rver = await startS3({ buckets, port: Number(env.S3_PORT ?? 0) });
const s3Endpoint = s3rver.endpoint;
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
  process.exit(0);
}
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
