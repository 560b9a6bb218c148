import { describe, expect, it } from "vitest";
import { decideFromExisting, type ExistingJob, isTerminal, planJob } from "../src/index";
import { planInput } from "./jobs-support";

const plan = planJob(planInput());
const name = plan.request.jobName;
const job = (jobName: string, status: string, at = 0): ExistingJob => ({
  jobArn: `arn:aws:bedrock:us-west-2:123456789012:model-customization-job/x/${jobName}`,
  jobName,
  status,
  creationTime: new Date(at),
});

describe("decideFromExisting", () => {
  it("creates attempt 1 when nothing matches", () => {
    expect(decideFromExisting(plan, [])).toEqual({ action: "create", attempt: 1, earlier: [] });
  });

  it("reuses a running or completed job of the same training, at any commit", () => {
    const otherCommit = name.replace("-0123456-", "-fedcba9-");
    for (const status of ["InProgress", "Stopping", "Completed"]) {
      expect(decideFromExisting(plan, [job(otherCommit, status)])).toEqual({
        action: "reuse",
        job: job(otherCommit, status),
      });
    }
  });

  it("prefers the newest alive job", () => {
    const older = job(name, "Completed", 1);
    const newer = job(`${name}-a3`, "InProgress", 5);
    expect(decideFromExisting(plan, [older, job(`${name}-a2`, "Failed", 3), newer])).toMatchObject({
      action: "reuse",
      job: newer,
    });
  });

  it("retries after failed or stopped jobs with the next attempt number", () => {
    const earlier = [job(name, "Failed"), job(`${name}-a2`, "Stopped")];
    expect(decideFromExisting(plan, earlier)).toEqual({ action: "create", attempt: 3, earlier });
  });

  it("ignores jobs that merely contain the fragment, or belong to another model", () => {
    const foreign = [
      job(`my-${plan.nameFragment}`, "InProgress"),
      job(name.replace("support-router", "billing"), "InProgress"),
    ];
    expect(decideFromExisting(plan, foreign)).toEqual({ action: "create", attempt: 1, earlier: [] });
  });

  it("isTerminal", () => {
    expect(["Completed", "Failed", "Stopped"].every(isTerminal)).toBe(true);
    expect(["InProgress", "Stopping"].some(isTerminal)).toBe(false);
  });
});
