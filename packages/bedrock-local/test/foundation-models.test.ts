// GetFoundationModel / ListFoundationModels with `modelLifecycle`, and `statusDetails` on jobs:
// the 2026-04 API shapes, read through the real @aws-sdk/client-bedrock.
import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  GetFoundationModelCommand,
  GetModelCustomizationJobCommand,
  ListFoundationModelsCommand,
  ListModelCustomizationJobsCommand,
} from "@aws-sdk/client-bedrock";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockStandIn, startBedrockStandIn } from "../src/index.js";
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

const NOVA_2_LITE = "amazon.nova-2-lite-v1:0:256k";
let s3: LocalS3;
let west: BedrockStandIn;
let east: BedrockStandIn;
let westClient: BedrockClient;
let eastClient: BedrockClient;

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "train.jsonl", haikuFile(40));
  const options = { s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS }, jobDurationMs: 60_000 };
  west = await startBedrockStandIn(options);
  east = await startBedrockStandIn({ ...options, region: "us-east-1" });
  westClient = bedrockClient(west.url);
  eastClient = bedrockClient(east.url, "us-east-1");
});

afterAll(async () => {
  westClient.destroy();
  eastClient.destroy();
  await west.close();
  await east.close();
  await s3.close();
});

describe("GetFoundationModel", () => {
  test("Claude 3 Haiku reports LEGACY with AWS's published dates", async () => {
    const answer = await westClient.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU }));
    expect(answer.modelDetails?.modelId).toBe(HAIKU);
    expect(answer.modelDetails?.modelArn).toBe(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`);
    expect(answer.modelDetails?.providerName).toBe("Anthropic");
    expect(answer.modelDetails?.customizationsSupported).toEqual(["FINE_TUNING"]);
    expect(answer.modelDetails?.modelLifecycle).toEqual({
      status: "LEGACY",
      legacyTime: new Date("2026-03-10T00:00:00Z"),
      publicExtendedAccessTime: new Date("2026-06-10T00:00:00Z"),
      endOfLifeTime: new Date("2026-09-10T00:00:00Z"),
    });
  });

  test("Nova 2 Lite is ACTIVE in us-east-1, and unknown in us-west-2", async () => {
    const answer = await eastClient.send(new GetFoundationModelCommand({ modelIdentifier: NOVA_2_LITE }));
    expect(answer.modelDetails?.modelLifecycle).toEqual({ status: "ACTIVE" });
    const error = await caught(() =>
      westClient.send(new GetFoundationModelCommand({ modelIdentifier: NOVA_2_LITE })),
    );
    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe("The provided model identifier is invalid.");
  });

  test("a foundation-model ARN resolves too", async () => {
    const arn = `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`;
    const answer = await westClient.send(new GetFoundationModelCommand({ modelIdentifier: arn }));
    expect(answer.modelDetails?.modelId).toBe(HAIKU);
  });

  test("a test can set the lifecycle; it applies only to that stand-in's Region", async () => {
    const legacy = { status: "LEGACY" as const, legacyTime: new Date("2027-01-01T00:00:00Z") };
    east.setLifecycle(NOVA_2_LITE, legacy);
    west.setLifecycle(HAIKU, { status: "ACTIVE" });
    const nova = await eastClient.send(new GetFoundationModelCommand({ modelIdentifier: NOVA_2_LITE }));
    const haiku = await westClient.send(new GetFoundationModelCommand({ modelIdentifier: HAIKU }));
    expect(nova.modelDetails?.modelLifecycle).toEqual(legacy);
    expect(haiku.modelDetails?.modelLifecycle).toEqual({ status: "ACTIVE" });
    east.setLifecycle(NOVA_2_LITE, { status: "ACTIVE" });
    west.setLifecycle(HAIKU, {
      status: "LEGACY",
      legacyTime: new Date("2026-03-10T00:00:00Z"),
      publicExtendedAccessTime: new Date("2026-06-10T00:00:00Z"),
      endOfLifeTime: new Date("2026-09-10T00:00:00Z"),
    });
    expect(() => west.setLifecycle("no.such-model-v1:0", { status: "ACTIVE" })).toThrow(/No base model/);
  });
});

describe("ListFoundationModels", () => {
  test("lists the Region's models with their lifecycle, filtered by provider", async () => {
    const all = await eastClient.send(new ListFoundationModelsCommand({}));
    const ids = all.modelSummaries?.map((model) => model.modelId);
    expect(ids).toContain(NOVA_2_LITE);
    expect(ids).not.toContain(HAIKU);
    const anthropic = await westClient.send(new ListFoundationModelsCommand({ byProvider: "anthropic" }));
    expect(anthropic.modelSummaries?.map((model) => [model.modelId, model.modelLifecycle?.status])).toEqual([
      [HAIKU, "LEGACY"],
    ]);
  });
});

describe("statusDetails", () => {
  test("a running job: checks done, training in progress, then completed", async () => {
    const { jobArn } = await westClient.send(
      new CreateModelCustomizationJobCommand(jobInput("status-details", { clientRequestToken: "sd-1" })),
    );
    await west.idle(); // the data checks have run; the job now sleeps on the virtual clock
    const running = await westClient.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(running.status).toBe("InProgress");
    expect(running.statusDetails?.validationDetails?.status).toBe("Completed");
    expect(running.statusDetails?.dataProcessingDetails?.status).toBe("Completed");
    expect(running.statusDetails?.trainingDetails?.status).toBe("InProgress");
    await west.advance(60_000);
    const done = await westClient.send(
      new ListModelCustomizationJobsCommand({ nameContains: "status-details" }),
    );
    expect(done.modelCustomizationJobSummaries?.[0]?.statusDetails?.trainingDetails?.status).toBe(
      "Completed",
    );
  });

  test("a job whose data fails the checks: validation Failed, training NotStarted", async () => {
    await s3.put("data", "broken.jsonl", "not json\n");
    const { jobArn } = await westClient.send(
      new CreateModelCustomizationJobCommand(
        jobInput("status-broken", { trainingDataConfig: { s3Uri: "s3://data/broken.jsonl" } }),
      ),
    );
    await west.idle();
    const job = await westClient.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(job.status).toBe("Failed");
    expect(job.statusDetails?.validationDetails?.status).toBe("Failed");
    expect(job.statusDetails?.trainingDetails?.status).toBe("NotStarted");
  });
});
