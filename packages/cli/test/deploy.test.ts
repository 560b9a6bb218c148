// `tunegate deploy`, run as the bundled CLI against the Bedrock stand-in: promote two jobs' models by
// hand, see the status, refuse an unconfirmed rollback, then roll back to the previous model.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockClient, CreateModelCustomizationJobCommand } from "@aws-sdk/client-bedrock";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RunResult, tunegate } from "./run";

const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const BUCKET = "router-data";
const REPOSITORY = "acme/router-data";
const record = JSON.stringify({
  messages: [
    { role: "user", content: [{ text: "q" }] },
    { role: "assistant", content: [{ text: "ROUTE: a" }] },
  ],
});

let s3: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;
let dir: string;
let env: Record<string, string | undefined>;
const models: Record<string, string> = {};

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  const s3client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: s3.credentials,
  });
  await s3client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: "t.jsonl", Body: `${Array(10).fill(record).join("\n")}\n` }),
  );
  s3client.destroy();
  bedrock = await startBedrockStandIn({
    region: "us-east-1",
    s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
    jobDurationMs: 1_000,
    deploymentDurationMs: 0,
  });
  control = new BedrockClient({ endpoint: bedrock.url, region: "us-east-1", credentials: s3.credentials });
  for (const name of ["tunegate-router-one", "tunegate-router-two"]) {
    const tags = [
      { key: "tunegate:repository", value: REPOSITORY },
      { key: "tunegate:model", value: "router" },
    ];
    await control.send(
      new CreateModelCustomizationJobCommand({
        jobName: name,
        customModelName: `${name}-model`,
        roleArn: "arn:aws:iam::123456789012:role/r",
        baseModelIdentifier: NOVA_LITE,
        trainingDataConfig: { s3Uri: `s3://${BUCKET}/t.jsonl` },
        outputDataConfig: { s3Uri: `s3://${BUCKET}/out/` },
        jobTags: tags,
        customModelTags: tags,
      }),
    );
    await bedrock.advance(1_000);
    models[name] = bedrock.jobs().find((j) => j.jobName === name)!.outputModelArn!;
  }
  dir = mkdtempSync(join(tmpdir(), "tunegate-deploy-cli-"));
  mkdirSync(join(dir, "data"));
  writeFileSync(join(dir, "data/train.jsonl"), `${Array(10).fill(record).join("\n")}\n`);
  writeFileSync(
    join(dir, "tunegate.yml"),
    `version: 1
models:
  router:
    baseModel: ${NOVA_LITE}
    region: us-east-1
    training: data/train.jsonl
    s3: { bucket: ${BUCKET} }
    roleArn: arn:aws:iam::123456789012:role/r
    deploy: { name: router-prod }
`,
  );
  env = {
    AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_PROFILE: undefined,
    GITHUB_REPOSITORY: REPOSITORY,
  };
});

afterAll(async () => {
  control?.destroy();
  await bedrock?.close();
  await s3?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const deploy = (...args: string[]) => tunegate(["deploy", ...args], { cwd: dir, env });

/** The CLI with `input` on its stdin, as a user typing the confirmation. */
function deployTyping(input: string, ...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [inject("cliPath"), "deploy", ...args],
      { cwd: dir, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr }),
    );
    child.stdin!.end(input);
  });
}

describe("tunegate deploy", () => {
  it("promotes the newest completed job's model, then a named one, after typed confirmation", async () => {
    const first = await deployTyping("router\n", "promote", "router", "--job", "tunegate-router-one");
    expect(first.stderr).toContain("Creating the production deployment router-prod");
    expect(first.code).toBe(0);
    expect(bedrock.deployment("router-prod")?.modelArn).toBe(models["tunegate-router-one"]);
    const second = await deploy("promote", "router", "--yes");
    expect(second.code).toBe(0);
    expect(bedrock.deployment("router-prod")?.modelArn).toBe(models["tunegate-router-two"]);
  });

  it("shows what production serves and what a rollback restores", async () => {
    const status = await deploy("status", "router");
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("router-prod (Active) in us-east-1");
    expect(status.stdout).toContain(`serves:  ${models["tunegate-router-two"]}`);
    expect(status.stdout).toContain(`rollback: ${models["tunegate-router-one"]}`);
  });

  it("changes nothing when the confirmation is not the model's name", async () => {
    const refused = await deployTyping("yes\n", "rollback", "router");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Not confirmed: nothing was changed.");
    expect(bedrock.deployment("router-prod")?.modelArn).toBe(models["tunegate-router-two"]);
  });

  it("rolls production back to the previous model, and refuses to go back past the first", async () => {
    const back = await deployTyping("router\n", "rollback", "router");
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(`router-prod serves ${models["tunegate-router-one"]} again.`);
    expect(bedrock.deployment("router-prod")?.modelArn).toBe(models["tunegate-router-one"]);
    const none = await deploy("rollback", "router", "--yes");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("there is no earlier model to go back to");
  });

  it("names a model tunegate.yml does not define", async () => {
    const run = await deploy("status", "nope");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('defines no model "nope"');
  });
});
