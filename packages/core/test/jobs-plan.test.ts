import { describe, expect, it } from "vitest";
import { JobPlanError, parseTrainCommentMarker, planJob, TAG, trainCommentMarker } from "../src/index";
import { COMMIT, haikuModel, planInput, SHA_TRAIN, SHA_VALID } from "./jobs-support";
import { NOVA_LITE } from "./support";

function problemsOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof JobPlanError) return err.problems;
    throw err;
  }
  throw new Error("expected a JobPlanError");
}

describe("planJob: the exact request", () => {
  it("builds the CreateModelCustomizationJob request for a Claude 3 Haiku model", () => {
    const plan = planJob(planInput());
    const name = plan.request.jobName;
    expect(name).toMatch(/^tunegate-support-router-0123456-[0-9a-f]{12}$/);
    expect(plan.request).toEqual({
      jobName: name,
      customModelName: name,
      roleArn: "arn:aws:iam::123456789012:role/TunegateBedrock",
      clientRequestToken: expect.stringMatching(/^tunegate-[0-9a-f]{40}$/),
      baseModelIdentifier: "anthropic.claude-3-haiku-20240307-v1:0:200k",
      customizationType: "FINE_TUNING",
      jobTags: [
        { key: "team", value: "support" },
        { key: "tunegate:repository", value: "acme/data" },
        { key: "tunegate:commit", value: COMMIT },
        { key: "tunegate:pull-request", value: "7" },
        { key: "tunegate:model", value: "support-router" },
        { key: "tunegate:dataset-sha256", value: SHA_TRAIN },
        { key: "tunegate:validation-sha256", value: SHA_VALID },
        { key: "tunegate:training-key", value: plan.trainingKey },
      ],
      customModelTags: plan.request.jobTags,
      trainingDataConfig: { s3Uri: `s3://acme-datasets/tunegate/support-router/${SHA_TRAIN}/train.jsonl` },
      validationDataConfig: {
        validators: [{ s3Uri: `s3://acme-datasets/tunegate/support-router/${SHA_VALID}/validation.jsonl` }],
      },
      outputDataConfig: { s3Uri: "s3://acme-datasets/tunegate/support-router/output/" },
      hyperParameters: { epochCount: "3" },
    });
    expect(plan.uploads).toEqual([
      {
        role: "train",
        bucket: "acme-datasets",
        key: `tunegate/support-router/${SHA_TRAIN}/train.jsonl`,
        uri: `s3://acme-datasets/tunegate/support-router/${SHA_TRAIN}/train.jsonl`,
        sha256: SHA_TRAIN,
        bytes: 1000,
      },
      {
        role: "validation",
        bucket: "acme-datasets",
        key: `tunegate/support-router/${SHA_VALID}/validation.jsonl`,
        uri: `s3://acme-datasets/tunegate/support-router/${SHA_VALID}/validation.jsonl`,
        sha256: SHA_VALID,
        bytes: 200,
      },
    ]);
    expect(plan.effectiveHyperparameters).toEqual({
      epochCount: "3",
      batchSize: "32",
      learningRateMultiplier: "1",
      earlyStoppingThreshold: "0.001",
      earlyStoppingPatience: "2",
    });
  });

  it("is deterministic: the same input gives the same request", () => {
    expect(planJob(planInput())).toEqual(planJob(planInput()));
  });

  it("leaves out what is absent: validation data, pull request, user tags", () => {
    const plan = planJob(
      planInput({
        model: haikuModel({ tags: undefined, hyperparameters: {} }),
        datasets: { train: { sha256: SHA_TRAIN, bytes: 10 } },
        pullRequest: undefined,
      }),
    );
    expect(plan.request.validationDataConfig).toBeUndefined();
    expect(plan.request.hyperParameters).toEqual({});
    expect(plan.request.jobTags.map((t) => t.key)).toEqual([
      TAG.repository,
      TAG.commit,
      TAG.model,
      TAG.datasetSha256,
      TAG.trainingKey,
    ]);
    expect(plan.uploads.map((u) => u.role)).toEqual(["train"]);
  });

  it("passes VPC, SSE-KMS and custom-model KMS settings through", () => {
    const plan = planJob(
      planInput({
        model: haikuModel({
          vpc: { subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0def"] },
          s3: { bucket: "acme-datasets", prefix: "", kmsKeyId: "alias/tunegate-data" },
          customModelKmsKeyId: "alias/tunegate-models",
        }),
      }),
    );
    expect(plan.request.vpcConfig).toEqual({ subnetIds: ["subnet-0abc"], securityGroupIds: ["sg-0def"] });
    expect(plan.request.customModelKmsKeyId).toBe("alias/tunegate-models");
    expect(plan.uploads[0]).toMatchObject({
      key: `support-router/${SHA_TRAIN}/train.jsonl`,
      kmsKeyId: "alias/tunegate-data",
    });
  });
});

describe("planJob: the training key and the names", () => {
  it("ignores the commit, pull request and tags, so the same training at another commit is recognised", () => {
    const a = planJob(planInput());
    const b = planJob(
      planInput({ commit: "f".repeat(40), pullRequest: 9, model: haikuModel({ tags: { team: "other" } }) }),
    );
    expect(b.trainingKey).toBe(a.trainingKey);
    expect(b.nameFragment).toBe(a.nameFragment);
    expect(b.request.jobName).not.toBe(a.request.jobName);
    expect(b.request.clientRequestToken).not.toBe(a.request.clientRequestToken);
  });

  it("changes with the data, the hyperparameters, the base model's Region and the model name", () => {
    const base = planJob(planInput()).trainingKey;
    const keys = [
      planJob(planInput({ datasets: { train: { sha256: "c".repeat(64), bytes: 1000 } } })).trainingKey,
      planJob(planInput({ model: haikuModel({ hyperparameters: { epochCount: "4" } }) })).trainingKey,
      planJob(planInput({ model: haikuModel({ name: "billing-router" }) })).trainingKey,
      planJob(
        planInput({
          datasets: {
            train: { sha256: SHA_TRAIN, bytes: 1000 },
            validation: { sha256: "d".repeat(64), bytes: 9 },
          },
        }),
      ).trainingKey,
    ];
    expect(new Set([base, ...keys]).size).toBe(5);
  });

  it("treats a configured default and an omitted one as the same training", () => {
    const explicit = planJob(planInput({ model: haikuModel({ hyperparameters: { epochCount: "2.0" } }) }));
    const implicit = planJob(planInput({ model: haikuModel({ hyperparameters: {} }) }));
    expect(explicit.trainingKey).toBe(implicit.trainingKey);
    // The request still says exactly what the user wrote.
    expect(explicit.request.hyperParameters).toEqual({ epochCount: "2.0" });
  });

  it("gives a retry its own names and token", () => {
    const first = planJob(planInput());
    const second = planJob(planInput({ attempt: 2 }));
    expect(second.request.jobName).toBe(`${first.request.jobName}-a2`);
    expect(second.request.customModelName).toBe(`${first.request.customModelName}-a2`);
    expect(second.request.clientRequestToken).not.toBe(first.request.clientRequestToken);
    expect(second.trainingKey).toBe(first.trainingKey);
  });
});

describe("planJob refuses what the service would refuse, all problems at once", () => {
  it("a Region the base model cannot be customized in", () => {
    const problems = problemsOf(() => planJob(planInput({ model: haikuModel({ region: "us-east-1" }) })));
    expect(problems).toEqual([
      {
        field: "region",
        message: expect.stringContaining("can be customized in us-west-2, not in us-east-1"),
      },
    ]);
  });

  it("hyperparameters: unknown, malformed, fractional for an integer, out of range", () => {
    const problems = problemsOf(() =>
      planJob(
        planInput({
          model: haikuModel({
            hyperparameters: {
              learningRate: "0.0001",
              batchSize: "lots",
              epochCount: "2.5",
              learningRateMultiplier: "3",
            },
          }),
        }),
      ),
    );
    expect(problems.map((p) => p.field)).toEqual([
      "hyperParameters.learningRate",
      "hyperParameters.batchSize",
      "hyperParameters.epochCount",
      "hyperParameters.learningRateMultiplier",
    ]);
    expect(problems[0]!.message).toContain("takes epochCount, batchSize");
    expect(problems[3]!.message).toContain("range 0.1 to 2");
  });

  it("Nova's own hyperparameters are accepted for Nova, in its Region", () => {
    const plan = planJob(
      planInput({
        model: haikuModel({
          baseModel: NOVA_LITE,
          region: "us-east-1",
          hyperparameters: { learningRate: "0.00002", learningRateWarmupSteps: "20" },
        }),
      }),
    );
    expect(plan.request.baseModelIdentifier).toBe("amazon.nova-lite-v1:0:300k");
    expect(plan.effectiveHyperparameters).toMatchObject({ epochCount: "2", learningRate: "0.00002" });
  });

  it("user tags that break the tag pattern, use tunegate's prefix or AWS's", () => {
    const problems = problemsOf(() =>
      planJob(
        planInput({
          model: haikuModel({
            tags: { "cost center": "R&D (EU)", "tunegate:model": "x", "aws:owner": "me" },
          }),
        }),
      ),
    );
    const fields = problems.map((p) => p.field);
    expect(fields).toContain("tags[1].key");
    expect(fields).toContain("jobTags[0].value");
    expect(fields).toContain("customModelTags[0].value");
    expect(fields).toContain("jobTags[2].key");
    expect(problems.find((p) => p.field === "jobTags[0].value")!.message).toContain('"R&D (EU)"');
  });

  it("more than 50 tags on a resource", () => {
    const tags = Object.fromEntries(Array.from({ length: 44 }, (_, i) => [`k${i}`, "v"]));
    const problems = problemsOf(() => planJob(planInput({ model: haikuModel({ tags }) })));
    expect(problems).toContainEqual({ field: "jobTags", message: expect.stringContaining("at most 50") });
  });

  it("S3 locations Bedrock rejects: an uppercase bucket, a prefix with '=' ", () => {
    const problems = problemsOf(() =>
      planJob(planInput({ model: haikuModel({ s3: { bucket: "Acme", prefix: "runs/a=b/" } }) })),
    );
    expect(problems.map((p) => p.field)).toEqual([
      "trainingDataConfig.s3Uri",
      "outputDataConfig.s3Uri",
      "validationDataConfig.validators[0].s3Uri",
    ]);
  });

  it("a malformed role ARN, commit, repository, or dataset digest", () => {
    const problems = problemsOf(() =>
      planJob(
        planInput({
          model: haikuModel({ roleArn: "TunegateBedrock" }),
          commit: "main",
          repository: "acme",
          datasets: { train: { sha256: "XYZ", bytes: 0 } },
        }),
      ),
    );
    expect(problems.map((p) => p.field)).toEqual([
      "datasets.train.sha256",
      "datasets.train.bytes",
      "commit",
      "repository",
    ]);
    // The role is checked with the request, once the inputs it is built from are sound.
    const role = problemsOf(() => planJob(planInput({ model: haikuModel({ roleArn: "TunegateBedrock" }) })));
    expect(role).toEqual([{ field: "roleArn", message: expect.stringContaining("does not match") }]);
  });
});

describe("the comment marker", () => {
  it("round-trips model and job names, and no model name can close the HTML comment", () => {
    const marker = trainCommentMarker("odd --> name", "tunegate-odd-name-0123456-0123456789ab");
    expect(marker).not.toContain("--> name");
    expect(parseTrainCommentMarker(`text\n${marker}\nmore`)).toEqual({
      model: "odd --> name",
      jobName: "tunegate-odd-name-0123456-0123456789ab",
    });
    expect(parseTrainCommentMarker("<!-- tunegate:validate -->")).toBeUndefined();
  });
});
