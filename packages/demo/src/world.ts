// Everything the demo starts, and how it is stopped: one temp directory that holds every file (the
// process's TMPDIR points into it, so helpers that make their own temp directories make them there
// too), s3rver, the Bedrock and Bedrock Runtime stand-ins and the GitHub stand-in, all on 127.0.0.1.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BedrockRuntimeStandIn,
  type BedrockStandIn,
  type Responder,
  startBedrockRuntimeStandIn,
  startBedrockStandIn,
} from "@tunegate/bedrock-local";
import { type GitHubStandIn, startGitHubStandIn } from "@tunegate/github-local";
import { type FaultProxy, type LocalS3, startFaultProxy, startS3 } from "@tunegate/testkit";
import { BUCKET, OWNER, REPO } from "./fixtures";

export const TOKEN = "demo-write-token";
/** Virtual duration of the customization job: the stand-in's clock is advanced past it at once. */
export const JOB_MINUTES = 47;

export interface World {
  /** The one temp directory; removed by close(). */
  readonly root: string;
  readonly s3: LocalS3;
  /** Bedrock in us-east-1, where Amazon Nova Lite is customized. */
  readonly bedrock: BedrockStandIn;
  /** Bedrock in us-west-2, where it reports Claude 3 Haiku as LEGACY, as AWS does. */
  readonly legacyBedrock: BedrockStandIn;
  readonly runtime: BedrockRuntimeStandIn;
  readonly github: GitHubStandIn;
  /** AWS settings every action step gets: the stand-ins' endpoints and s3rver's key pair. */
  readonly awsEnv: Record<string, string>;
  /** The same, for a step whose models are in us-west-2 (legacyBedrock); S3 through legacyS3Log. */
  readonly legacyAwsEnv: Record<string, string>;
  /** A proxy in front of s3rver that logs every request of the us-west-2 step. */
  readonly legacyS3Log: FaultProxy;
  close(): Promise<void>;
}

/**
 * Starts the world. Whatever was started before a failure is stopped before the error propagates, and
 * `close()` stops the rest in reverse order; it is safe to call twice.
 */
export async function startWorld(respond: Responder): Promise<World> {
  const outerTmp = tmpdir();
  const root = mkdtempSync(join(outerTmp, "tunegate-demo-"));
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = root;
  const stops: (() => Promise<void> | void)[] = [
    () => {
      if (previousTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmp;
      rmSync(root, { recursive: true, force: true });
    },
  ];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch {
        // Keep stopping the others: one that fails to close must not leave the rest running.
      }
    }
  };

  try {
    const s3 = await startS3({ buckets: [BUCKET] });
    stops.push(() => s3.close());
    const standIn = (region: string) =>
      startBedrockStandIn({
        region,
        s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
        jobDurationMs: JOB_MINUTES * 60_000,
        // Deployments are Active at once: the report action waits for them on the machine's clock.
        deploymentDurationMs: 0,
      });
    const bedrock = await standIn("us-east-1");
    stops.push(() => bedrock.close());
    const legacyBedrock = await standIn("us-west-2");
    stops.push(() => legacyBedrock.close());
    const legacyS3Log = await startFaultProxy(s3.endpoint);
    stops.push(() => legacyS3Log.close());
    const runtime = await startBedrockRuntimeStandIn({
      provisionedModels: bedrock,
      deployments: bedrock,
      respond,
    });
    stops.push(() => runtime.close());
    const github = await startGitHubStandIn({ tokens: { [TOKEN]: "write" } });
    stops.push(() => github.close());
    github.addRepository({ owner: OWNER, repo: REPO, defaultBranch: "main" });

    const awsEnv = {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url,
      // The actions' own temp files land in the demo's directory too.
      TMPDIR: root,
    };
    return {
      root,
      s3,
      bedrock,
      legacyBedrock,
      runtime,
      github,
      awsEnv,
      legacyAwsEnv: {
        ...awsEnv,
        AWS_REGION: "us-west-2",
        AWS_ENDPOINT_URL_BEDROCK: legacyBedrock.url,
        AWS_ENDPOINT_URL_S3: legacyS3Log.url,
      },
      legacyS3Log,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
