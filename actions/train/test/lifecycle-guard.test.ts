// The train action's lifecycle guard, run as the runner runs the committed bundle: a Claude 3 Haiku
// model (LEGACY in the Bedrock stand-in, as AWS reports it) is refused before any request to S3, the
// fault proxy in front of s3rver logging every request; allowLegacyBase lets it through.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config, HAIKU_DEFAULTS, haikuLines, startWorld, type World } from "./support";

const TRAIN = "datasets/haiku-router/train.jsonl";
const refusedConfig = config({ "haiku-router": { training: TRAIN } }, HAIKU_DEFAULTS);
const allowedConfig = config(
  { "haiku-router": { training: TRAIN, extra: "    allowLegacyBase: true\n" } },
  HAIKU_DEFAULTS,
);

let world: World;

beforeAll(async () => {
  world = await startWorld({ "tunegate.yml": refusedConfig, [TRAIN]: haikuLines(40) }, "us-west-2");
});

afterAll(async () => {
  await world?.close();
});

beforeEach(() => {
  world.proxy.reset();
  world.bedrock.clearFaults();
});

const errorsOf = (run: Awaited<ReturnType<World["run"]>>) =>
  run.annotations
    .filter((a) => a.level === "error")
    .map((a) => a.message)
    .join("\n");

describe("train action: the base model's lifecycle", () => {
  it("refuses a Claude 3 Haiku model before any S3 request, naming the model, its status and the fix", async () => {
    const { merge, before } = world.mergePullRequest(21, { [TRAIN]: haikuLines(41) });
    const bedrockBefore = world.bedrock.requests().length;
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(1);
    const errors = errorsOf(run);
    expect(errors).toContain("haiku-router: Claude 3 Haiku (anthropic.claude-3-haiku-20240307-v1:0:200k)");
    expect(errors).toMatch(/is (legacy since 2026-03-10|end-of-life since 2026-09-10)/);
    expect(errors).toContain("in us-west-2 (source: Bedrock GetFoundationModel, modelLifecycle)");
    expect(errors).toContain("Nothing was uploaded and no job was started");
    expect(errors).toContain("amazon.nova-2-lite-v1:0:256k");
    expect(errors).toContain("allowLegacyBase: true");
    // S3 never saw a request: no HEAD, no PUT.
    expect(world.proxy.requests).toEqual([]);
    const asked = world.bedrock
      .requests()
      .slice(bedrockBefore)
      .map((r) => r.operation);
    expect(asked).toContain("GetFoundationModel");
    expect(asked).not.toContain("CreateModelCustomizationJob");
    expect(world.github.comments("acme", "data", 21)).toEqual([]);
  });

  it("a Bedrock error on GetFoundationModel is reported with the permission to add", async () => {
    const { merge, before } = world.mergePullRequest(22, { [TRAIN]: haikuLines(42) });
    world.bedrock.injectFault({
      operation: "GetFoundationModel",
      errorType: "AccessDeniedException",
      times: 5,
    });
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(1);
    expect(errorsOf(run)).toContain("bedrock:GetFoundationModel");
    expect(errorsOf(run)).toContain("docs/aws/tunegate.cfn.yml");
    expect(world.proxy.requests).toEqual([]);
  });

  it("allowLegacyBase: true on the model lets it through, with a warning", async () => {
    const { merge, before } = world.mergePullRequest(23, {
      "tunegate.yml": allowedConfig,
      [TRAIN]: haikuLines(43),
    });
    const creates = world.bedrockCalls("CreateModelCustomizationJob").length;
    const run = await world.run({ sha: merge, before });
    expect(run.code).toBe(0);
    expect(world.bedrockCalls("CreateModelCustomizationJob")).toHaveLength(creates + 1);
    expect(world.proxy.requests.length).toBeGreaterThan(0); // the proxy does see the upload
    const warnings = run.annotations.filter((a) => a.level === "warning").map((a) => a.message);
    expect(warnings.join("\n")).toContain("training anyway because the model sets allowLegacyBase: true");
  });
});
