// The whole hand-over: the train action's committed bundle starts a job on merge and comments on the
// PR; once the job ends, this action's committed bundle finds it by its tags with no input and updates
// that very comment in place.
import { runAction } from "@tunegate/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import { config, lines, OWNER, REPO, startWorld, TOKEN, type World } from "../../train/test/support";
import { ACTION } from "./support";

const TRAIN = "datasets/support-router/train.jsonl";
const VALIDATION = "datasets/support-router/validation.jsonl";
let world: World;

beforeAll(async () => {
  world = await startWorld(
    {
      "tunegate.yml": config({ "support-router": { training: TRAIN, validation: VALIDATION } }),
      [TRAIN]: lines(40),
      [VALIDATION]: lines(32, " (held out)"),
    },
    "us-east-1",
  );
});

afterAll(() => world?.close());

it("updates the train action's comment when the job it started ends", async () => {
  const { merge, before } = world.mergePullRequest(7, { [TRAIN]: lines(48) });
  const train = await world.run({ sha: merge, before });
  expect(train.code).toBe(0);
  const [started] = world.github.comments(OWNER, REPO, 7);
  expect(started).toBeDefined();

  const runReport = () =>
    runAction({
      script: ACTION,
      workspace: world.repo.dir,
      repository: `${OWNER}/${REPO}`,
      apiUrl: world.github.url,
      eventName: "schedule",
      inputs: { "github-token": TOKEN, config: "tunegate.yml", eval: "false" },
      env: {
        AWS_REGION: "us-east-1",
        AWS_ENDPOINT_URL_S3: world.s3.endpoint,
        AWS_ENDPOINT_URL_BEDROCK: world.bedrock.url,
        AWS_ACCESS_KEY_ID: world.s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: world.s3.credentials.secretAccessKey,
      },
    });

  // Still running: a scheduled run has nothing to report yet.
  const early = await runReport();
  expect(early.code).toBe(0);
  expect(JSON.parse(early.outputs.reported!)).toEqual([]);

  await world.bedrock.advance(60 * 60_000);
  const report = await runReport();
  expect(report.code).toBe(0);
  const [job] = JSON.parse(report.outputs.reported!) as { model: string; status: string; pr: number }[];
  expect(job).toMatchObject({ model: "support-router", status: "Completed", pr: 7 });
  const comments = world.github.comments(OWNER, REPO, 7);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.id).toBe(started!.id);
  expect(comments[0]!.edits).toBe(1);
  expect(comments[0]!.body).toContain("### ✅ Training completed: `support-router` (Amazon Nova Lite)");
  expect(comments[0]!.body).toMatch(/\| Training loss \| \d\.\d{4} \|/);
});
