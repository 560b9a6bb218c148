import { Checks } from "./checks";
import { MODEL } from "./fixtures";
import type { LoopContext } from "./loop-context";
import type { Training } from "./stage-train";
import { JOB_MINUTES, PROVISIONING_MINUTES } from "./world";

/** Step 4: the stand-in's clock runs the job to its end, and the team provisions the custom model. */
export async function endJob(ctx: LoopContext, training: Training): Promise<{ provisionedArn: string }> {
  const { world, narrator, timeline } = ctx;
  const { bedrock } = world;
  narrator.step(4, `${JOB_MINUTES} minutes later (the stand-in's clock runs ahead): the job ends`);
  await bedrock.advance(JOB_MINUTES * 60_000 + 1);
  const ended = bedrock.jobs().find((j) => j.jobArn === training.jobArn);
  narrator.say(
    `Bedrock: ${ended?.jobName} is ${ended?.status}; custom model ${ended?.outputModelArn ?? "(none)"}.`,
  );
  narrator.say(
    `The team buys Provisioned Throughput for it, as \`aws bedrock create-provisioned-model-throughput\` does, and ${PROVISIONING_MINUTES} minutes later it is InService.`,
  );
  const provisionedArn = await provision(bedrock.url, ended?.outputModelArn ?? "", `${MODEL}-pt`);
  await bedrock.advance(PROVISIONING_MINUTES * 60_000 + 1);
  timeline.push({
    kind: "event",
    icon: "clock",
    actor: "Amazon Bedrock",
    text: `finished \`${ended?.jobName}\` (${ended?.status}) after ${JOB_MINUTES} minutes`,
  });
  timeline.push({
    kind: "event",
    icon: "deploy",
    actor: "bob",
    text: `bought Provisioned Throughput \`${MODEL}-pt\` for the custom model`,
  });
  const endChecks = new Checks("the job's end");
  endChecks.equal(ended?.status, "Completed", "the job completed");
  endChecks.equal(
    bedrock.provisionedModel(provisionedArn)?.status,
    "InService",
    "the provisioned throughput is in service",
  );
  narrator.checks(endChecks);
  endChecks.done();
  return { provisionedArn };
}

/** CreateProvisionedModelThroughput over HTTP, as the AWS CLI sends it (the stand-in needs no signature). */
async function provision(bedrockUrl: string, modelId: string, name: string): Promise<string> {
  const response = await fetch(`${bedrockUrl}/provisioned-model-throughput`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ modelUnits: 1, provisionedModelName: name, modelId }),
  });
  const answer = (await response.json()) as { provisionedModelArn?: string; message?: string };
  if (!response.ok || !answer.provisionedModelArn) {
    throw new Error(`CreateProvisionedModelThroughput answered ${response.status}: ${answer.message ?? ""}`);
  }
  return answer.provisionedModelArn;
}
