import { describe, expect, it } from "vitest";
import { evaluationBatchKeys, evaluationRoute, resolveCatalog } from "../src/index";

const catalog = resolveCatalog();
const novaLite = catalog.get("amazon.nova-lite-v1:0:300k");
const llama = catalog.get("meta.llama3-1-8b-instruct-v1:0:128k");
const customNova =
  "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:300k/abcdefabcdef";

describe("evaluationRoute", () => {
  const big = { cases: 5000, batchAbove: 1000, catalog };

  it("sends a large set for a model the catalog lists to batch inference", () => {
    expect(evaluationRoute({ ...big, modelId: "amazon.nova-lite-v1:0", baseModel: novaLite })).toEqual({
      route: "batch",
    });
    expect(evaluationRoute({ ...big, modelId: "us.amazon.nova-lite-v1:0", baseModel: undefined })).toEqual({
      route: "batch",
    });
  });

  it("keeps Converse for a custom model AWS lists no batch support for, with the catalog's source", () => {
    const route = evaluationRoute({ ...big, modelId: customNova, baseModel: novaLite });
    expect(route.route).toBe("converse");
    expect(route.route === "converse" && route.why).toContain("batch-inference-supported.html");
  });

  it("runs a custom model through batch when a catalog entry says so", () => {
    const declared = {
      ...novaLite,
      batchInference: { foundationModel: true, customModels: true, source: "t" },
    };
    expect(evaluationRoute({ ...big, modelId: customNova, baseModel: declared })).toEqual({ route: "batch" });
  });

  it("keeps Converse for small sets, throughputs, deployments, unlisted models and when off", () => {
    const converse = (input: Parameters<typeof evaluationRoute>[0]) => evaluationRoute(input).route;
    expect(converse({ ...big, cases: 1000, modelId: "amazon.nova-lite-v1:0", baseModel: novaLite })).toBe(
      "converse",
    );
    // Below AWS's minimum of 100 records a batch job fails, whatever the threshold says.
    expect(
      converse({ ...big, cases: 99, batchAbove: 10, modelId: "amazon.nova-lite-v1:0", baseModel: novaLite }),
    ).toBe("converse");
    expect(
      converse({
        ...big,
        modelId: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefabcdef",
        baseModel: novaLite,
      }),
    ).toBe("converse");
    expect(converse({ ...big, modelId: "meta.llama3-1-8b-instruct-v1:0", baseModel: llama })).toBe(
      "converse",
    );
    expect(
      converse({ ...big, batchAbove: undefined, modelId: "amazon.nova-lite-v1:0", baseModel: novaLite }),
    ).toBe("converse");
  });
});

describe("evaluationBatchKeys", () => {
  it("content-addresses the records and their results next to the model's datasets", () => {
    const sha = "ab".repeat(32);
    expect(evaluationBatchKeys({ prefix: "tunegate/", model: "router", sha256: sha })).toEqual({
      input: `tunegate/router/evaluation/${sha}/records.jsonl`,
      output: `tunegate/router/evaluation/${sha}/results/`,
    });
    expect(() => evaluationBatchKeys({ prefix: "", model: "a/b", sha256: sha })).toThrow(/key segment/);
    expect(() => evaluationBatchKeys({ prefix: "", model: "a", sha256: "x" })).toThrow(/sha256/);
  });
});
