import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { node24 } from "./node24";

export interface RunActionOptions {
  /** The bundled action entry, e.g. actions/dist/validate.js. */
  script: string;
  /** Action inputs by their action.yml names; passed as INPUT_<NAME> like the runner does. */
  inputs?: Record<string, string>;
  /** The event payload, written to the file GITHUB_EVENT_PATH names. */
  event?: unknown;
  eventName?: string;
  /** The checked-out repository: the step's working directory and GITHUB_WORKSPACE. */
  workspace: string;
  /** `owner/name`. */
  repository?: string;
  /** Base URL of the GitHub API (the local stand-in). */
  apiUrl?: string;
  sha?: string;
  ref?: string;
  /** More environment, e.g. AWS_ENDPOINT_URL_BEDROCK. Nothing else of this process's leaks in. */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** A command the runner's node is started under, e.g. `/usr/bin/time -o FILE` to measure the step. */
  prefix?: readonly string[];
}

export interface Annotation {
  level: "error" | "warning" | "notice";
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
}

/**
 * Runs a bundled JavaScript action as the GitHub runner does: `node actions/dist/<action>.js` on Node 24, with
 * inputs, event, outputs and summary passed through the same environment variables and files.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-run-"));
  const eventPath = join(dir, "event.json");
  const outputPath = join(dir, "output");
  const summaryPath = join(dir, "summary.md");
  writeFileSync(eventPath, JSON.stringify(options.event ?? {}));
  writeFileSync(outputPath, "");
  writeFileSync(summaryPath, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? dir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: options.eventName ?? "pull_request",
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: options.repository ?? "acme/datasets",
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_SHA: options.sha ?? "",
    GITHUB_REF: options.ref ?? "",
    GITHUB_RUN_ID: "1",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: "tunegate",
    GITHUB_JOB: "test",
    GITHUB_ACTOR: "octocat",
    RUNNER_TEMP: dir,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  const node = await node24();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const [command, ...args] = [...(options.prefix ?? []), node, options.script];
      const child = spawn(command!, args, {
        cwd: options.workspace,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d;
      });
      child.stderr.on("data", (d: Buffer) => {
        err += d;
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 540_000);
      child.on("error", reject);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve({ code: c, stdout: out, stderr: err });
      });
    },
  );
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputPath, "utf8")),
    summary: readFileSync(summaryPath, "utf8"),
    annotations: parseAnnotations(stdout),
  };
}

/** The GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER ... DELIMITER` blocks. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
      outputs[name!] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      outputs[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return outputs;
}

const unescapeData = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ":").replace(/%2C/g, ",");

/** `::error file=a.jsonl,line=3,col=5,title=T::message` lines of a step's output. */
export function parseAnnotations(stdout: string): Annotation[] {
  const found: Annotation[] = [];
  for (const line of stdout.split("\n")) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? "").split(",").filter(Boolean)) {
      const at = pair.indexOf("=");
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    found.push({ level: m[1] as Annotation["level"], properties, message: unescapeData(m[3]!) });
  }
  return found;
}

/** A unique delimiter, as @actions/core writes multi-line outputs. */
export const outputDelimiter = () => `ghadelimiter_${randomUUID()}`;
