// The report's evaluation through a Provisioned Throughput, against the Bedrock stand-in on its virtual
// clock: a throughput still Creating is waited for, a failed one is not asked, and with teardown it is
// deleted whatever the evaluation did.
import { BedrockClient, CreateProvisionedModelThroughputCommand } from "@aws-sdk/client-bedrock";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withProvisionedTarget } from "../src/index";

const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
let s3: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;

beforeAll(async () => {
  s3 = await startS3();
  bedrock = await startBedrockStandIn({
    region: "us-east-1",
    s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
    provisionedDurationMs: 25 * 60_000,
  });
  control = new BedrockClient({ endpoint: bedrock.url, region: "us-east-1", credentials: s3.credentials });
});

afterAll(async () => {
  control?.destroy();
  await bedrock?.close();
  await s3?.close();
});

async function throughput(name: string): Promise<string> {
  const out = await control.send(
    new CreateProvisionedModelThroughputCommand({
      provisionedModelName: name,
      modelId: NOVA_LITE,
      modelUnits: 1,
    }),
  );
  return out.provisionedModelArn!;
}

/** Each pause of the wait moves the stand-in's clock on by as much. */
function virtualWait() {
  let now = 0;
  return {
    timeoutMs: 60 * 60_000,
    intervalMs: 60_000,
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await bedrock.advance(ms);
    },
  };
}

const options = { log: () => {}, modelName: "router" };

describe("withProvisionedTarget", () => {
  it("waits for a throughput that is Creating, evaluates through it, then deletes it", async () => {
    const arn = await throughput("pt-creating");
    const asked: string[] = [];
    const run = await withProvisionedTarget(
      control,
      { identifier: "pt-creating", teardown: true, wait: virtualWait() },
      undefined,
      async (target) => {
        asked.push(target);
        expect(bedrock.provisionedModel(target)?.status).toBe("InService");
        return "scored";
      },
      options,
    );
    expect(asked).toEqual([arn]);
    expect(run.value).toBe("scored");
    expect(run.note).toContain("was deleted after the evaluation (teardown: true)");
    expect(bedrock.provisionedModel(arn)).toBeUndefined();
  });

  it("deletes the throughput when the evaluation throws, and hands the error back", async () => {
    const arn = await throughput("pt-throws");
    await bedrock.advance(25 * 60_000);
    const run = await withProvisionedTarget(
      control,
      { identifier: arn, teardown: true },
      undefined,
      async () => {
        throw new Error("the dataset is unreadable");
      },
      options,
    );
    expect((run.error as Error).message).toBe("the dataset is unreadable");
    expect(run.note).toContain("was deleted after the evaluation");
    expect(bedrock.provisionedModel(arn)).toBeUndefined();
  });

  it("does not ask a throughput that failed, and names it when teardown is off", async () => {
    const arn = await throughput("pt-failed");
    bedrock.failProvisioned("pt-failed", "Insufficient capacity.");
    let asked = false;
    const run = await withProvisionedTarget(
      control,
      { identifier: "pt-failed", teardown: false },
      undefined,
      async () => {
        asked = true;
      },
      options,
    );
    expect(asked).toBe(false);
    expect(run.skipped).toBe(
      "the Provisioned Throughput pt-failed is Failed (Insufficient capacity.), not InService.",
    );
    expect(run.note).toContain("is still running (teardown is off)");
    expect(run.note).toContain("`tunegate provision delete router`");
    expect(bedrock.provisionedModel(arn)?.status).toBe("Failed");
  });
});
