// The one wrapper every action runs in: what the step's log says for a user mistake and for a bug.
import { UserError } from "@tunegate/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ContextError, failureText, runAction } from "../src/index";

let written: string[];
let exitCode: typeof process.exitCode;

beforeEach(() => {
  written = [];
  exitCode = process.exitCode;
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = exitCode;
});

const log = () => written.join("");

describe("runAction", () => {
  it("fails the step with a user mistake's message and fix as one clean ::error, no stack", async () => {
    await runAction(async () => {
      throw new UserError("The bucket tunegate-data is in eu-west-1, not us-east-1.", {
        fix: "Set region: eu-west-1 on the model.",
      });
    });
    expect(process.exitCode).toBe(1);
    expect(log()).toBe(
      "::error::The bucket tunegate-data is in eu-west-1, not us-east-1.%0AFix: Set region: eu-west-1 on the model.\n",
    );
  });

  it("does not repeat a fix the message already gives", async () => {
    await runAction(async () => {
      throw new ContextError("GITHUB_REPOSITORY is not set to owner/repo: run this inside a workflow.");
    });
    expect(log()).toBe("::error::GITHUB_REPOSITORY is not set to owner/repo: run this inside a workflow.\n");
  });

  it("fails the step with a bug's message, then its stack", async () => {
    await runAction(async () => {
      JSON.parse("{not json");
    });
    expect(process.exitCode).toBe(1);
    const [line] = written;
    expect(line).toMatch(/^::error::[^%]*JSON[^%]*%0A\s+at /);
    expect(line).toContain("run-action.test.ts");
  });

  it("leaves a step that succeeds alone", async () => {
    await runAction(async () => {});
    expect(log()).toBe("");
    expect(process.exitCode).toBe(exitCode);
  });
});

describe("failureText", () => {
  it("is the message alone for a thrown value that is not an Error", () => {
    expect(failureText("plain")).toBe("plain");
    expect(failureText(new UserError("m"))).toBe("m");
  });
});
