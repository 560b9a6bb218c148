import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  CreateProvisionedModelThroughputCommand,
  DeleteProvisionedModelThroughputCommand,
  GetProvisionedModelThroughputCommand,
  ListProvisionedModelThroughputsCommand,
  ListTagsForResourceCommand,
  UpdateProvisionedModelThroughputCommand,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockStandIn, DEFAULT_BASE_MODELS, startBedrockStandIn } from "../src/index.js";
import {
  bedrockClient,
  caught,
  HAIKU,
  haikuFile,
  jobInput,
  type LocalS3,
  S3_CREDENTIALS,
  startLocalS3,
} from "./support.js";

const NOVA_LITE = "amazon.nova-lite-v1:0:300k";

let s3: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "train.jsonl", haikuFile(40));
  bedrock = await startBedrockStandIn({
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    jobDurationMs: 60_000,
    provisionedDurationMs: 20 * 60_000,
  });
  control = bedrockClient(bedrock.url);
});

afterAll(async () => {
  control.destroy();
  await bedrock.close();
  await s3.close();
});

describe("CreateProvisionedModelThroughput", () => {
  test("no commitment: Creating, then InService on the virtual clock, tagged, no expiration", async () => {
    const { provisionedModelArn } = await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "nova-pt",
        modelId: NOVA_LITE,
        modelUnits: 1,
        clientRequestToken: "tok-nova-1",
        tags: [{ key: "tunegate:model", value: "router" }],
      }),
    );
    const creating = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: "nova-pt" }),
    );
    expect(creating).toMatchObject({
      status: "Creating",
      modelArn: `arn:aws:bedrock:us-west-2::foundation-model/${NOVA_LITE}`,
      desiredModelUnits: 1,
    });
    expect(creating.commitmentDuration).toBeUndefined();
    expect(creating.commitmentExpirationTime).toBeUndefined();
    await bedrock.advance(20 * 60_000);
    const ready = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }),
    );
    expect(ready.status).toBe("InService");
    const tags = await control.send(new ListTagsForResourceCommand({ resourceARN: provisionedModelArn }));
    expect(tags.tags).toEqual([{ key: "tunegate:model", value: "router" }]);

    // The same token and request: the same throughput, not a second one.
    const again = await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "nova-pt",
        modelId: NOVA_LITE,
        modelUnits: 1,
        clientRequestToken: "tok-nova-1",
        tags: [{ key: "tunegate:model", value: "router" }],
      }),
    );
    expect(again.provisionedModelArn).toBe(provisionedModelArn);
    await control.send(new DeleteProvisionedModelThroughputCommand({ provisionedModelId: "nova-pt" }));
    const gone = await caught(() =>
      control.send(new GetProvisionedModelThroughputCommand({ provisionedModelId: "nova-pt" })),
    );
    expect(gone.name).toBe("ResourceNotFoundException");
  });

  test("a commitment term sets the expiration Get and List report", async () => {
    const { provisionedModelArn } = await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "nova-committed",
        modelId: NOVA_LITE,
        modelUnits: 2,
        commitmentDuration: "OneMonth",
      }),
    );
    const got = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }),
    );
    const expected = new Date(got.creationTime!);
    expected.setUTCMonth(expected.getUTCMonth() + 1);
    expect(got.commitmentDuration).toBe("OneMonth");
    expect(got.commitmentExpirationTime?.toISOString()).toBe(expected.toISOString());
    const listed = await control.send(
      new ListProvisionedModelThroughputsCommand({ nameContains: "COMMITTED" }),
    );
    expect(
      listed.provisionedModelSummaries?.map((p) => [p.provisionedModelName, p.commitmentDuration]),
    ).toEqual([["nova-committed", "OneMonth"]]);
    await control.send(
      new DeleteProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }),
    );
  });

  test("refuses a term the model does not declare, and a name in use", async () => {
    const badTerm = await caught(() =>
      control.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: "nova-bad",
          modelId: NOVA_LITE,
          modelUnits: 1,
          commitmentDuration: "ThreeYears" as "OneMonth",
        }),
      ),
    );
    expect(badTerm.name).toBe("ValidationException");
    await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "nova-dup",
        modelId: NOVA_LITE,
        modelUnits: 1,
      }),
    );
    const dup = await caught(() =>
      control.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: "nova-dup",
          modelId: NOVA_LITE,
          modelUnits: 1,
        }),
      ),
    );
    expect(dup.message).toBe("The provided provisioned model name is currently in use.");
    const zero = await caught(() =>
      control.send(
        new CreateProvisionedModelThroughputCommand({
          provisionedModelName: "nova-zero",
          modelId: NOVA_LITE,
          modelUnits: 0,
        }),
      ),
    );
    expect(zero.name).toBe("ValidationException");
  });

  test("refuses a Legacy base model and models customized from it", async () => {
    const { jobArn } = await control.send(new CreateModelCustomizationJobCommand(jobInput("legacy-pt-job")));
    await bedrock.advance(60_000);
    const model = bedrock.jobs().find((job) => job.jobArn === jobArn)!.outputModelArn!;
    for (const modelId of [model, HAIKU]) {
      const refused = await caught(() =>
        control.send(
          new CreateProvisionedModelThroughputCommand({
            provisionedModelName: "haiku-pt",
            modelId,
            modelUnits: 1,
          }),
        ),
      );
      expect(refused.name).toBe("ValidationException");
      expect(refused.message).toContain("Legacy");
    }
    expect(bedrock.provisionedModel("haiku-pt")).toBeUndefined();
  });

  test("an update moves an InService throughput to another custom model of the same base, through Updating", async () => {
    const models: string[] = [];
    for (const name of ["update-a", "update-b"]) {
      const { jobArn } = await control.send(new CreateModelCustomizationJobCommand(jobInput(name)));
      await bedrock.advance(60_000);
      models.push(bedrock.jobs().find((job) => job.jobArn === jobArn)!.outputModelArn!);
    }
    // Bought while Claude 3 Haiku was active (AWS refuses new ones on a Legacy base).
    const legacy = DEFAULT_BASE_MODELS.find((model) => model.id === HAIKU)!.lifecycle!["us-west-2"]!;
    bedrock.setLifecycle(HAIKU, { status: "ACTIVE" });
    const { provisionedModelArn } = await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "pt-update",
        modelId: models[0],
        modelUnits: 1,
      }),
    );
    bedrock.setLifecycle(HAIKU, legacy);
    const early = await caught(() =>
      control.send(
        new UpdateProvisionedModelThroughputCommand({
          provisionedModelId: "pt-update",
          desiredModelId: models[1],
        }),
      ),
    );
    expect(early.message).toContain("is Creating");
    await bedrock.advance(20 * 60_000);
    await control.send(
      new UpdateProvisionedModelThroughputCommand({
        provisionedModelId: provisionedModelArn,
        desiredModelId: models[1],
        desiredProvisionedModelName: "pt-updated",
      }),
    );
    const updating = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: "pt-updated" }),
    );
    expect(updating).toMatchObject({ status: "Updating", modelArn: models[0], desiredModelArn: models[1] });
    const other = await caught(() =>
      control.send(
        new UpdateProvisionedModelThroughputCommand({
          provisionedModelId: "pt-updated",
          desiredModelId: NOVA_LITE,
        }),
      ),
    );
    expect(other.name).toBe("ValidationException");
    await bedrock.advance(20 * 60_000);
    const done = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }),
    );
    expect(done).toMatchObject({ status: "InService", modelArn: models[1], desiredModelArn: models[1] });
    await control.send(
      new DeleteProvisionedModelThroughputCommand({ provisionedModelId: provisionedModelArn }),
    );
  });

  test("a throughput that fails reports its failureMessage", async () => {
    await control.send(
      new CreateProvisionedModelThroughputCommand({
        provisionedModelName: "nova-fails",
        modelId: NOVA_LITE,
        modelUnits: 1,
      }),
    );
    bedrock.failProvisioned("nova-fails", "Insufficient capacity for the requested model units.");
    await bedrock.advance(20 * 60_000);
    const failed = await control.send(
      new GetProvisionedModelThroughputCommand({ provisionedModelId: "nova-fails" }),
    );
    expect(failed).toMatchObject({
      status: "Failed",
      failureMessage: "Insufficient capacity for the requested model units.",
    });
  });
});
