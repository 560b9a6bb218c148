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
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { BUCKET, OWNER, REPO } from "./fixtures";

export const TOKEN = "demo-write-token";
/** Virtual duration of the customization job: the stand-in's clock is advanced past it at once. */
export const JOB_MINUTES = 47;
/** Virtual time Provisioned Throughput takes to become InService. */
export const PROVISIONING_MINUTES = 25;

export interface World {
  /** The one temp directory; removed by close(). */
  readonly root: string;
  readonly s3: LocalS3;
  readonly bedrock: BedrockStandIn;
  readonly runtime: BedrockRuntimeStandIn;
  readonly github: GitHubStandIn;
  /** AWS settings every action step gets: the stand-ins' endpoints and s3rver's key pair. */
  readonly awsEnv: Record<string, string>;
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
    const bedrock = await startBedrockStandIn({
      s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
      jobDurationMs: JOB_MINUTES * 60_000,
      provisionedDurationMs: PROVISIONING_MINUTES * 60_000,
    });
    stops.push(() => bedrock.close());
    const runtime = await startBedrockRuntimeStandIn({ provisionedModels: bedrock, respond });
    stops.push(() => runtime.close());
    const github = await startGitHubStandIn({ tokens: { [TOKEN]: "write" } });
    stops.push(() => github.close());
    github.addRepository({ owner: OWNER, repo: REPO, defaultBranch: "main" });

    return {
      root,
      s3,
      bedrock,
      runtime,
      github,
      awsEnv: {
        AWS_REGION: "us-west-2",
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url,
        // The actions' own temp files land in the demo's directory too.
        TMPDIR: root,
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
