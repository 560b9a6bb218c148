// `tunegate train` and `tunegate status`, run as the bundled CLI against s3rver and the Bedrock stand-in,
// in a throwaway git clone.
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type FaultProxy, GitRepo, type LocalS3, startFaultProxy, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tunegate, tunegateOnTty } from "./run";

const BUCKET = "tunegate-cli";
// A base model that trains today (Bedrock reports Claude 3 Haiku as legacy).
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const novaRecord = (user: string, assistant: string) =>
  JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    messages: [
      { role: "user", content: [{ text: user }] },
      { role: "assistant", content: [{ text: assistant }] },
    ],
  });
/** `count` distinct valid Nova records. */
const novaLines = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${novaRecord(`ticket number ${i}`, `ROUTE: team${i % 4}`)}\n`,
  ).join("");
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
    validation: data/validation.jsonl
    hyperparameters:
      epochCount: 2
`;

let s3: LocalS3;
let proxy: FaultProxy;
let bedrock: BedrockStandIn;
let repo: GitRepo;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  proxy = await startFaultProxy(s3.endpoint);
  bedrock = await startBedrockStandIn({
    region: "us-east-1",
    s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials },
    // Jobs run until a test moves the stand-in's clock on.
    jobDurationMs: 60 * 60_000,
  });
  repo = new GitRepo();
  repo.git("remote", "add", "origin", "git@github.com:acme/router-data.git");
  repo
    .write({
      "tunegate.yml": CONFIG,
      "data/train.jsonl": novaLines(40),
      "data/validation.jsonl": novaLines(32).replaceAll("ticket", "held-out ticket"),
    })
    .commit("Datasets");
  env = {
    AWS_REGION: "us-east-1",
    AWS_ENDPOINT_URL_S3: proxy.url,
    AWS_ENDPOINT_URL_BEDROCK: bedrock.url,
    AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    AWS_PROFILE: undefined,
    GITHUB_REPOSITORY: undefined,
  };
});

afterAll(async () => {
  await bedrock?.close();
  await proxy?.close();
  await s3?.close();
  repo?.dispose();
});

const creates = () => bedrock.requests().filter((r) => r.operation === "CreateModelCustomizationJob");

describe("tunegate train", () => {
  it("--dry-run prints the exact request and sends nothing", async () => {
    const r = await tunegate(["train", "--dry-run"], { cwd: repo.dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("router (dry run: nothing is uploaded or started)");
    expect(r.stdout).toContain(`"baseModelIdentifier": "${NOVA_LITE}"`);
    expect(r.stdout).toContain('"value": "acme/router-data"');
    expect(r.stdout).toMatch(/"s3Uri": "s3:\/\/tunegate-cli\/runs\/router\/[0-9a-f]{64}\/train\.jsonl"/);
    expect(bedrock.requests()).toEqual([]);
  });

  it("--dry-run needs no GitHub remote: it sends nothing, so nothing is tagged", async () => {
    repo.git("remote", "remove", "origin");
    try {
      const r = await tunegate(["train", "--dry-run"], { cwd: repo.dir, env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("router (dry run: nothing is uploaded or started)");
      expect(r.stdout).toContain('"value": "local-checkout/no-github-remote"');
      expect(r.stderr).toContain("no GitHub repository is known");
      expect(r.stderr).toContain("A real run needs one of them.");
      const real = await tunegate(["train"], { cwd: repo.dir, env });
      expect(real.code).toBe(2);
      expect(real.stderr).toContain("No repository to tag the jobs with");
      expect(bedrock.requests()).toEqual([]);
    } finally {
      repo.git("remote", "add", "origin", "git@github.com:acme/router-data.git");
    }
  });

  it("starts the job, then reports it on the next run instead of starting another", async () => {
    const first = await tunegate(["train"], { cwd: repo.dir, env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^router: started tunegate-router-[0-9a-f]{7}-[0-9a-f]{12} \(InProgress\)$/m,
    );
    expect(first.stdout).toContain("uploaded s3://tunegate-cli/runs/router/");
    expect(creates()).toHaveLength(1);
    expect(creates()[0]!.input).toMatchObject({
      hyperParameters: { epochCount: "2" },
      jobTags: expect.arrayContaining([
        { key: "tunegate:repository", value: "acme/router-data" },
        { key: "tunegate:commit", value: repo.head() },
      ]),
    });

    const again = await tunegate(["train"], { cwd: repo.dir, env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("exists already (InProgress); no second job started");
    expect(creates()).toHaveLength(1);
  });

  it("refuses uncommitted dataset changes unless --allow-dirty", async () => {
    repo.write({ "data/train.jsonl": novaLines(41) });
    try {
      const r = await tunegate(["train", "--dry-run"], { cwd: repo.dir, env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("data/train.jsonl has uncommitted changes");
      expect((await tunegate(["train", "--dry-run", "--allow-dirty"], { cwd: repo.dir, env })).code).toBe(0);
    } finally {
      repo.git("checkout", "--", "data/train.jsonl");
    }
  });

  it("invalid data: exit 1, the problems printed, nothing sent", async () => {
    repo.write({ "data/train.jsonl": `${novaLines(40)}not json\n` }).commit("Broken data");
    const before = bedrock.requests().length;
    const r = await tunegate(["train"], { cwd: repo.dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("data/train.jsonl:41:1");
    expect(r.stderr).toContain("Nothing was uploaded and no job was started.");
    expect(bedrock.requests()).toHaveLength(before);
    repo.write({ "data/train.jsonl": novaLines(40) }).commit("Fixed data");
  });

  it("an unknown model is bad usage", async () => {
    const r = await tunegate(["train", "--model", "nope"], { cwd: repo.dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('defines no model "nope". Defined: router.');
  });

  it("shows upload progress on a terminal for a large file, and waits for the job with --wait", async () => {
    // ~21 MB in 9,000 distinct records: over the progress bar's 20 MB threshold, within Nova Lite's quotas.
    const filler = Array.from({ length: 300 }, (_, i) => `word${i}`).join(" ");
    const records = Array.from({ length: 9_000 }, (_, i) =>
      novaRecord(`ticket number ${i}: ${filler}`, `ROUTE: team${i % 4}`),
    );
    repo.write({ "data/train.jsonl": `${records.join("\n")}\n` }).commit("A large dataset");
    const jobs = bedrock.jobs().length;
    const run = tunegateOnTty(["train", "--wait", "2"], { cwd: repo.dir, env });
    // Once the job exists, end it: the CLI, polling, sees it complete.
    let ended = false;
    void run.finally(() => {
      ended = true;
    });
    while (!ended && bedrock.jobs().length === jobs) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!ended) await bedrock.advance(2 * 60 * 60_000);
    const r = await run;
    expect(r.stdout).not.toContain("Error");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/router train +\[#+-*\] +\d+%/);
    expect(r.stdout).toMatch(/tunegate-router-[0-9a-f]{7}-[0-9a-f]{12}: Completed/);
  });
});

describe("tunegate status", () => {
  it("lists the repository's jobs by their tags, newest first", async () => {
    const r = await tunegate(["status", "--repository", "acme/router-data"], { cwd: repo.dir, env });
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split("\n").slice(3);
    expect(r.stdout).toMatch(/^JOB +STATUS +STARTED +MODEL +COMMIT +PR$/m);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^tunegate-router-\S+ +Completed .* router +[0-9a-f]{7}$/);
    expect(rows[1]).toMatch(/^tunegate-router-\S+ +Completed /);
    const other = await tunegate(["status", "--repository", "acme/other"], { cwd: repo.dir, env });
    expect(other.stdout).toBe("No tunegate jobs of acme/other in us-east-1.\n");
  });

  it("shows one job; a failed job exits 1 with its failure message", async () => {
    repo.write({ "data/train.jsonl": novaLines(45) }).commit("More data");
    expect((await tunegate(["train"], { cwd: repo.dir, env })).code).toBe(0);
    const job = bedrock.jobs().find((j) => j.status === "InProgress")!;
    bedrock.failJob(job.jobArn, "Data processing failed.");
    const r = await tunegate(["status", job.jobName], { cwd: repo.dir, env });
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n")[0]).toBe(`${job.jobName}  Failed`);
    expect(r.stdout).toMatch(/^ {2}Failure +Data processing failed\.$/m);
    expect(r.stdout).toMatch(/^ {2}tunegate:repository +acme\/router-data$/m);
    const json = JSON.parse(
      (await tunegate(["status", job.jobArn, "--format", "json"], { cwd: repo.dir, env })).stdout,
    );
    expect(json).toMatchObject({ jobName: job.jobName, status: "Failed", region: "us-east-1" });
  });

  it("an unknown job is reported with the AWS error explained", async () => {
    const r = await tunegate(["status", "tunegate-nope"], { cwd: repo.dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("No customization job tunegate-nope exists in us-east-1");
  });
});

// Last: it starts a job of its own, which the status listing above does not expect.
describe("tunegate train: the base model's lifecycle", () => {
  it("a base Bedrock reports as legacy is refused before any S3 request; allowLegacyBase lets it through", async () => {
    repo.write({ "data/train.jsonl": novaLines(44) }).commit("Data for a retired base");
    bedrock.setLifecycle(NOVA_LITE, { status: "LEGACY", legacyTime: new Date("2026-11-01T00:00:00Z") });
    try {
      proxy.clearLog();
      const jobs = creates().length;
      const refused = await tunegate(["train"], { cwd: repo.dir, env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `router: Amazon Nova Lite (${NOVA_LITE}) is legacy since 2026-11-01 in us-east-1`,
      );
      expect(refused.stderr).toContain("Nothing was uploaded and no job was started");
      expect(proxy.requests).toEqual([]);
      expect(creates()).toHaveLength(jobs);

      repo.write({
        "tunegate.yml": CONFIG.replace("    training:", "    allowLegacyBase: true\n    training:"),
      });
      repo.commit("A private arrangement");
      const allowed = await tunegate(["train"], { cwd: repo.dir, env });
      expect(allowed.code).toBe(0);
      expect(allowed.stderr).toContain("training anyway because the model sets allowLegacyBase: true");
      expect(creates()).toHaveLength(jobs + 1);
      expect(proxy.requests.length).toBeGreaterThan(0);
    } finally {
      bedrock.setLifecycle(NOVA_LITE, { status: "ACTIVE" });
      repo.write({ "tunegate.yml": CONFIG }).commit("Back to the plain config");
    }
  });
});
