// `tunegate provision`, run as the bundled CLI against s3rver and the Bedrock stand-in: the price and
// its source come first, a commitment needs the typed name, a second throughput and a Legacy base are
// refused, and a repeated create buys nothing twice.
import {
  BedrockClient,
  CreateModelCustomizationJobCommand,
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-bedrock";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { GitRepo, type LocalS3, startS3 } from "@tunegate/testkit";
import { provisionedName } from "@tunegate/usecases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tunegate } from "./run";

const BUCKET = "tunegate-pt";
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const CONFIG = `version: 1
defaults:
  baseModel: ${NOVA_LITE}
  region: us-east-1
  s3:
    bucket: ${BUCKET}
    prefix: runs/
  roleArn: arn:aws:iam::123456789012:role/TunegateBedrock
models:
  router:
    training: data/train.jsonl
`;
const novaLines = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      schemaVersion: "bedrock-conversation-2024",
      messages: [
        { role: "user", content: [{ text: `ticket ${i}` }] },
        { role: "assistant", content: [{ text: `ROUTE: team${i % 4}` }] },
      ],
    }),
  ).join("\n");

let s3: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;
let repo: GitRepo;
let cwd: string;
let env: Record<string, string | undefined>;
let modelArn: string;

const creates = () => bedrock.requests().filter((r) => r.operation === "CreateProvisionedModelThroughput");
const provision = (args: string[], stdin?: string) =>
  tunegate(["provision", ...args], { cwd, env, ...(stdin === undefined ? {} : { stdin }) });

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  bedrock = await startBedrockStandIn({
    region: "us-east-1",
    s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
    jobDurationMs: 60_000,
    provisionedDurationMs: 20 * 60_000,
  });
  const s3client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: s3.credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
  await s3client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "runs/train.jsonl", Body: novaLines(40) }));
  s3client.destroy();
  control = new BedrockClient({ endpoint: bedrock.url, region: "us-east-1", credentials: s3.credentials });
  const { jobArn } = await control.send(
    new CreateModelCustomizationJobCommand({
      jobName: "tunegate-router-0123456-abcdefabcdef",
      customModelName: "tunegate-router-0123456-abcdefabcdef",
      roleArn: "arn:aws:iam::123456789012:role/TunegateBedrock",
      baseModelIdentifier: NOVA_LITE,
      trainingDataConfig: { s3Uri: `s3://${BUCKET}/runs/train.jsonl` },
      outputDataConfig: { s3Uri: `s3://${BUCKET}/runs/output/` },
      jobTags: [
        { key: "tunegate:repository", value: "acme/router-data" },
        { key: "tunegate:model", value: "router" },
      ],
    }),
  );
  await bedrock.advance(60_000);
  modelArn = bedrock.jobs().find((j) => j.jobArn === jobArn)!.outputModelArn!;
  repo = new GitRepo();
  repo.write({ "tunegate.yml": CONFIG, "data/train.jsonl": novaLines(40) }).commit("Datasets");
  cwd = repo.dir;
  env = {
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_PROFILE: undefined,
  };
});

afterAll(async () => {
  control?.destroy();
  repo?.dispose();
  await bedrock?.close();
  await s3?.close();
});

describe("tunegate provision", () => {
  it("buys nothing without a price it can show with its source", async () => {
    const run = await provision(["create", "router"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No hourly price for Provisioned Throughput of Amazon Nova Lite is known");
    expect(run.stderr).toContain("--hourly-usd");
    expect(creates()).toHaveLength(0);
  });

  it("refuses a second throughput for a custom model that has one", async () => {
    await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "hand-made",
        modelId: modelArn,
        modelUnits: 1,
      }),
    );
    const run = await provision(["create", "router", "--hourly-usd", "21.18"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("already has Provisioned Throughput: hand-made (Creating)");
    expect(run.stderr).toContain("--allow-second");
    expect(creates()).toHaveLength(1); // the hand-made one only
    await control.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: "hand-made" }));
  });

  it("prints the hourly cost and its source, then creates one throughput with no commitment, tagged like the job", async () => {
    const run = await provision(["create", "router", "--hourly-usd", "21.18", "--units", "2"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "2 model units × $21.18/hour = $42.36/hour, billed by the hour until it is deleted (no commitment) (price source: --hourly-usd on the command line)",
    );
    expect(run.stderr.indexOf("$42.36/hour")).toBeLessThan(run.stderr.indexOf("Created"));
    const arn = run.stdout.trim();
    const request = creates().at(-1)!.input!;
    expect(request).toMatchObject({
      modelId: modelArn,
      modelUnits: 2,
      provisionedModelName: provisionedName("router", modelArn),
    });
    expect(request.commitmentDuration).toBeUndefined();
    const tags = await control.send(new ListTagsForResourceCommand({ resourceARN: arn }));
    expect(tags.tags).toEqual(
      expect.arrayContaining([
        { key: "tunegate:repository", value: "acme/router-data" },
        { key: "tunegate:model", value: "router" },
      ]),
    );

    const again = await provision(["create", "router", "--hourly-usd", "21.18", "--units", "2"]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(arn);
    expect(again.stderr).toContain("exists already");
    expect(creates().filter((r) => r.status < 300)).toHaveLength(2); // hand-made + ours, nothing more
  });

  it("buys a commitment only when the throughput's name is typed", async () => {
    const before = creates().length;
    const args = ["create", "router", "--hourly-usd", "21.18", "--allow-second", "--commitment", "OneMonth"];
    const refused = await provision(args, "yes\n");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("for the whole commitment of 730 hours: about $15,461.40");
    expect(refused.stderr).toContain("The commitment was not confirmed. Nothing was created.");
    expect(creates()).toHaveLength(before);

    const second = provisionedName("router", modelArn, 2);
    const bought = await provision(args, `${second}\n`);
    expect(bought.code).toBe(0);
    expect(creates().at(-1)!.input).toMatchObject({
      provisionedModelName: second,
      commitmentDuration: "OneMonth",
    });
  });

  it("refuses a base model Bedrock reports as Legacy", async () => {
    const before = creates().length;
    bedrock.setLifecycle(NOVA_LITE, { status: "LEGACY", legacyTime: new Date("2026-11-01T00:00:00Z") });
    try {
      const run = await provision(["create", "router", "--hourly-usd", "21.18", "--allow-second"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("is legacy since 2026-11-01 in us-east-1");
      expect(run.stderr).toContain("AWS creates no new Provisioned Throughput for it. Nothing was created.");
      expect(creates()).toHaveLength(before);
    } finally {
      bedrock.setLifecycle(NOVA_LITE, { status: "ACTIVE" });
    }
  });

  it("shows the throughputs, and deletes them all", async () => {
    await bedrock.advance(20 * 60_000);
    const status = await provision(["status", "router"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(
      `${provisionedName("router", modelArn)}  InService  2 unit(s), no commitment`,
    );
    expect(status.stdout).toContain("1 unit(s), OneMonth commitment until");
    const deleted = await provision(["delete", "router"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`${provisionedName("router", modelArn)} deleted.`);
    expect(deleted.stdout).toMatch(/-2 deleted; its commitment bills until \d{4}-\d\d-\d\d\./);
    expect(bedrock.provisionedModel(provisionedName("router", modelArn))).toBeUndefined();
    const none = await provision(["delete", "router"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("has no Provisioned Throughput made by tunegate to delete");
  });
});
