import { describe, expect, it } from "vitest";
import { ConfigError, type ConfigIssue, type ParsedConfig, parseConfig } from "../src/index";

const ROLE = "arn:aws:iam::123456789012:role/FineTune";
const GRADER = "arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader";
const NOVA_2_LITE = "amazon.nova-2-lite-v1:0:256k";
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const PREMIER = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0";

const parse = (text: string): ParsedConfig => parseConfig(text, { path: "tunegate.yml" });

function issuesOf(text: string): ConfigIssue[] {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  throw new Error("expected a ConfigError, the file was accepted");
}

/** Each issue as `line:column path: message`, the way a user reads them. */
const where = (text: string) => issuesOf(text).map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);

const model = (base: string, extra: string) =>
  `version: 1
models:
  m:
    baseModel: ${base}
    training: data/train.jsonl
    s3: { bucket: my-bucket }
    roleArn: ${ROLE}
${extra}`;

describe("customization: reinforcement", () => {
  it("resolves the grader and the typed hyperparameters", () => {
    const { config, warnings } = parse(
      model(
        NOVA_2_LITE,
        `    customization: reinforcement
    reinforcement:
      grader: ${GRADER}
      hyperparameters: { epochCount: 2, batchSize: 64, learningRate: 0.00001, reasoningEffort: medium }
`,
      ),
    );
    expect(config.models[0]!.customization).toEqual({
      kind: "reinforcement",
      graderArn: GRADER,
      hyperparameters: { epochCount: 2, batchSize: 64, learningRate: 0.00001, reasoningEffort: "medium" },
    });
    expect(config.models[0]!.hyperparameters).toEqual({});
    // The supervised-default warning of Nova 2 Lite concerns fine-tuning only.
    expect(warnings).toEqual([]);
  });

  it("points at each wrong value: a string, a range, a bad ARN, an unknown name", () => {
    const text = model(
      NOVA_2_LITE,
      `    customization: reinforcement
    reinforcement:
      grader: arn:aws:lambda:us-east-1:1:function:g
      hyperparameters:
        epochCount: "2"
        batchSize: 8
        trainingSamplePerPrompt: 2.5
        reasoningEffort: max
        warmup: 3
`,
    );
    expect(where(text)).toEqual([
      "10:15 models.m.reinforcement.grader: expected a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-grader",
      '12:21 models.m.reinforcement.hyperparameters.epochCount: expected a number (reinforcement fine-tuning takes typed numbers: write 2, not "2")',
      "13:20 models.m.reinforcement.hyperparameters.batchSize: must be from 16 to 512 (Smithy RFTBatchSize)",
      "14:34 models.m.reinforcement.hyperparameters.trainingSamplePerPrompt: expected an integer, from 2 to 16",
      "15:26 models.m.reinforcement.hyperparameters.reasoningEffort: expected one of low, medium, high",
      '16:9 models.m.reinforcement.hyperparameters.warmup: unknown key "warmup"',
    ]);
  });

  it("needs a grader, refuses the supervised map, and a base model without RFT", () => {
    expect(
      where(
        model(
          NOVA_2_LITE,
          `    customization: reinforcement
    hyperparameters: { epochCount: 2 }
`,
        ),
      ),
    ).toEqual([
      "3:3 models.m.reinforcement.grader: reinforcement fine-tuning needs a grader",
      "9:5 models.m.hyperparameters: reinforcement fine-tuning does not take the supervised hyperparameters map",
    ]);
    expect(
      where(model(NOVA_LITE, `    customization: reinforcement\n    reinforcement: { grader: ${GRADER} }\n`)),
    ).toEqual([
      "8:20 models.m.customization: Amazon Nova Lite (amazon.nova-lite-v1:0:300k) does not support reinforcement (REINFORCEMENT_FINE_TUNING); its customization types are FINE_TUNING, DISTILLATION",
    ]);
  });

  it("takes the settings from defaults, and refuses a section the customization does not use", () => {
    const text = `version: 1
defaults:
  customization: reinforcement
  reinforcement: { grader: ${GRADER} }
models:
  m:
    baseModel: ${NOVA_2_LITE}
    training: data/train.jsonl
    s3: { bucket: my-bucket }
    roleArn: ${ROLE}
    reinforcement: { hyperparameters: { epochCount: 3 } }
`;
    expect(parse(text).config.models[0]!.customization).toEqual({
      kind: "reinforcement",
      graderArn: GRADER,
      hyperparameters: { epochCount: 3 },
    });
    expect(where(model(NOVA_LITE, `    distillation: { teacher: amazon.nova-pro-v1:0 }\n`))).toEqual([
      "8:5 models.m.distillation: distillation: is set, but the model's customization is fine-tuning",
    ]);
  });
});

describe("customization: distillation", () => {
  it("resolves a catalog pair, by model id or inference profile", () => {
    const { config } = parse(
      model(
        NOVA_LITE,
        `    customization: distillation
    distillation: { teacher: ${PREMIER}, maxResponseLengthForInference: 1000 }
`,
      ),
    );
    expect(config.models[0]!.customization).toEqual({
      kind: "distillation",
      teacher: PREMIER,
      maxResponseLengthForInference: 1000,
    });
  });

  it("puts an unsupported pair, a profile-only teacher and a missing teacher on their lines", () => {
    expect(
      where(
        model(
          NOVA_LITE,
          "    customization: distillation\n    distillation: { teacher: meta.llama3-1-405b-instruct-v1:0 }\n",
        ),
      ),
    ).toEqual([
      "9:30 models.m.distillation.teacher: meta.llama3-1-405b-instruct-v1:0 is not a teacher Amazon Nova Lite can be distilled from; its teachers are Amazon Nova Pro (amazon.nova-pro-v1:0), Amazon Nova Premier (amazon.nova-premier-v1:0, inference profile only)",
    ]);
    expect(
      where(
        model(
          NOVA_LITE,
          "    customization: distillation\n    distillation:\n      teacher: amazon.nova-premier-v1:0\n",
        ),
      ),
    ).toEqual([
      "10:16 models.m.distillation.teacher: Amazon Nova Premier can only be a teacher through an inference profile, not by its model id",
    ]);
    expect(where(model(NOVA_LITE, "    customization: distillation\n"))).toEqual([
      "3:3 models.m.distillation.teacher: distillation needs a teacher model",
    ]);
    expect(
      where(
        model(
          NOVA_2_LITE,
          "    customization: distillation\n    distillation: { teacher: amazon.nova-pro-v1:0 }\n",
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^8:20 models\.m\.customization: Amazon Nova 2 Lite .* does not support distillation \(DISTILLATION\)/,
      ),
    ]);
  });

  it("reads a teacher pair a catalog addition gives the student", () => {
    const text = `version: 1
catalog:
  - id: ${NOVA_LITE}
    distillation:
      teachers: [{ id: acme.teacher-v1:0, name: Acme Teacher }]
      regions: [us-east-1]
      singleTurn: false
      source: our account team
${model(NOVA_LITE, "    customization: distillation\n    distillation: { teacher: acme.teacher-v1:0 }\n").slice("version: 1\n".length)}`;
    expect(parse(text).config.models[0]!.customization).toMatchObject({ teacher: "acme.teacher-v1:0" });
  });
});
