import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  createBedrockClient,
  createS3Client,
  type LaunchResult,
  launchTrainingJob,
  type PreparedTraining,
  prepareTraining,
  trainingTarget,
  waitForJob,
} from "@tunegate/aws";
import {
  consoleCustomModelsUrl,
  consoleCustomModelUrl,
  DEFAULT_CONFIG_FILE,
  formatBytes,
  isTerminal,
  toPretty,
} from "@tunegate/core";
import { loadCommandConfig } from "../config";
import { EXIT, type Io, UsageError } from "../io";
import { usageErrors } from "../options";
import { parallelOption } from "../parallel";
import { colorEnabled, progressBar } from "../terminal";
import type { Command } from "./command";
import { repositoryFromGit } from "./status";

const HELP = `Usage: tunegate train [options]

Starts Amazon Bedrock fine-tuning for the models in tunegate.yml, as the train action does when a dataset
pull request merges: re-validates each model's datasets (invalid data never trains), uploads them to
content-addressed S3 keys (skipped when the same bytes are there), and starts one model customization job
per model. A job for the same data and settings that exists already is reported, not started again.

Jobs are tagged with the commit (HEAD) and the repository, so the datasets and tunegate.yml must be
committed: uncommitted changes are refused unless --allow-dirty.

Options:
  --config FILE    The configuration file (default: ${DEFAULT_CONFIG_FILE})
  --model NAME     Train this model only (repeatable; default: every model in the file)
  --dry-run        Print the exact uploads and CreateModelCustomizationJob requests; send nothing
  --wait MIN       Minutes to wait for the jobs to end (default: 0, return once they started)
  --allow-dirty    Train datasets that differ from the committed ones (tagged with HEAD all the same)
  -h, --help       Show this help

Credentials come from the standard AWS chain (environment, profile, SSO); AWS_ENDPOINT_URL_S3 and
AWS_ENDPOINT_URL_BEDROCK point tunegate at other endpoints. The repository tag comes from
GITHUB_REPOSITORY, else the GitHub remote "origin". See docs/aws-setup.md for the IAM policies.

Exit status: 0 jobs started or found (with --wait: completed), 1 data errors, a request AWS refused or a
job that failed, 2 bad usage or an unusable configuration.

Examples:
  tunegate train --dry-run
  tunegate train --model support-router
  tunegate train --config ml/tunegate.yml --wait 120
`;

/** The repository tag a dry run shows when none is known: a valid owner/name that says why it is there. */
const DRY_RUN_REPOSITORY = "local-checkout/no-github-remote";

export const train: Command = {
  name: "train",
  summary: "Upload the datasets and start Bedrock fine-tuning (idempotent; --dry-run sends nothing)",
  help: HELP,
  async run(args: string[], io: Io): Promise<number> {
    const { values } = usageErrors("train", () =>
      parseArgs({
        args,
        allowPositionals: false,
        strict: true,
        options: {
          config: { type: "string", default: DEFAULT_CONFIG_FILE },
          model: { type: "string", multiple: true, default: [] },
          "dry-run": { type: "boolean", default: false },
          wait: { type: "string", default: "0" },
          "allow-dirty": { type: "boolean", default: false },
          help: { type: "boolean", short: "h", default: false },
        },
      }),
    );
    if (values.help) {
      io.stdout.write(HELP);
      return EXIT.ok;
    }
    const waitMinutes = Number(values.wait);
    if (!Number.isFinite(waitMinutes) || waitMinutes < 0 || waitMinutes > 24 * 60) {
      throw new UsageError(`--wait takes minutes from 0 to 1440; got "${values.wait}".`);
    }
    const { configPath, config, models } = await loadCommandConfig(io, values.config, values.model);

    const git = gitFacts(dirname(configPath));
    const paths = [
      configPath,
      ...models.flatMap((m) =>
        [m.training, m.validation].filter((p) => p !== undefined).map((p) => resolve(config.root, p)),
      ),
    ];
    const dirty = changedFiles(git.top, paths);
    if (dirty.length > 0 && !values["allow-dirty"]) {
      throw new UsageError(
        `${dirty.join(", ")} ${dirty.length === 1 ? "has" : "have"} uncommitted changes, but the job would be tagged with commit ${git.commit.slice(0, 7)}. Commit them first, or pass --allow-dirty.`,
      );
    }
    let repository = io.env.GITHUB_REPOSITORY ?? repositoryFromGit(git.top);
    if (!repository && values["dry-run"]) {
      // A dry run sends nothing, so nothing is tagged: show the request with a stand-in value and say so.
      repository = DRY_RUN_REPOSITORY;
      io.stderr.write(
        `note: no GitHub repository is known (no GITHUB_REPOSITORY, no GitHub remote "origin"); the request below tags the job with "${DRY_RUN_REPOSITORY}" instead. A real run needs one of them.\n`,
      );
    }
    if (!repository) {
      throw new UsageError(
        'No repository to tag the jobs with: set GITHUB_REPOSITORY=owner/name, or add the GitHub remote "origin".',
      );
    }

    // 1. Everything offline first, for every model: nothing is sent unless all of them can train.
    const prepared: PreparedTraining[] = [];
    const bar = progressBar(io.stderr);
    try {
      for (const model of models) {
        prepared.push(
          await prepareTraining(trainingTarget(model, config.root, git.top), {
            commit: git.commit,
            repository,
            ...parallelOption(),
            ...(bar ? { onProgress: (p) => bar.update(p) } : {}),
          }),
        );
      }
    } finally {
      bar?.done();
    }
    let blocked = false;
    for (const p of prepared) {
      const name = p.target.model.name;
      if (!p.ok && p.stage === "validate") {
        io.stdout.write(toPretty(p.report, { color: colorEnabled(io.stdout, io.env) }));
        io.stderr.write(`${name}: the datasets have errors; nothing is uploaded for this model.\n`);
        blocked = true;
      } else if (!p.ok) {
        io.stderr.write(`${name}: ${p.error.message}\n`);
        blocked = true;
      }
    }
    if (blocked) {
      io.stderr.write("Nothing was uploaded and no job was started.\n");
      return EXIT.problems;
    }
    const ready = prepared as Extract<PreparedTraining, { ok: true }>[];

    if (values["dry-run"]) {
      for (const p of ready) {
        io.stdout.write(`${p.target.model.name} (dry run: nothing is uploaded or started)\n`);
        for (const u of p.plan.uploads) {
          io.stdout.write(
            `  upload ${p.target.names[u.role]} (${formatBytes(u.bytes)}, sha256 ${u.sha256})\n    to ${u.uri} unless it is there already\n`,
          );
        }
        io.stdout.write(`  CreateModelCustomizationJob, unless a job of this training exists:\n`);
        io.stdout.write(`${indent(JSON.stringify(p.plan.request, null, 2), 4)}\n`);
        io.stdout.write(
          `  estimated ${Math.round(p.cost.billedTokens).toLocaleString("en-US")} billed tokens${p.cost.usd === undefined ? "" : ` ≈ $${p.cost.usd.toFixed(2)}`}\n\n`,
        );
      }
      return EXIT.ok;
    }

    // 2. Upload and start, model by model.
    const clients = new Map<string, { s3: S3Client; bedrock: BedrockClient }>();
    const clientsFor = (region: string) => {
      const existing = clients.get(region);
      if (existing) return existing;
      const made = {
        s3: createS3Client({ region, env: { ...io.env } }),
        bedrock: createBedrockClient({ region, env: { ...io.env } }),
      };
      clients.set(region, made);
      return made;
    };
    let failed = false;
    try {
      const launched: LaunchResult[] = [];
      for (const p of ready) {
        const name = p.target.model.name;
        const { s3, bedrock } = clientsFor(p.plan.region);
        const upload = progressBar(io.stderr);
        try {
          const result = await launchTrainingJob({
            s3,
            bedrock,
            plan: p.planInput,
            files: p.target.files,
            onUploadProgress: upload
              ? (role, progress) =>
                  upload.update({
                    file: `${name} ${role}`,
                    bytesRead: progress.loaded,
                    totalBytes: progress.total,
                  })
              : undefined,
          });
          upload?.done();
          if (result.lifecycle?.overridden) io.stderr.write(`warning: ${result.lifecycle.warning}\n`);
          launched.push(result);
          io.stdout.write(describeLaunch(name, result));
        } catch (error) {
          upload?.done();
          io.stderr.write(`${name}: ${(error as Error).message}\n`);
          failed = true;
        }
      }
      if (waitMinutes > 0) {
        const deadline = Date.now() + waitMinutes * 60_000;
        for (const result of launched) {
          if (isTerminal(result.job.status)) continue;
          io.stderr.write(`Waiting for ${result.job.jobName}...\n`);
          const job = await waitForJob(clientsFor(result.plan.region).bedrock, result.job.jobArn, {
            timeoutMs: Math.max(0, deadline - Date.now()),
            intervalMs: Math.min(30_000, Math.max(1_000, (waitMinutes * 60_000) / 20)),
          });
          io.stdout.write(
            `${job.jobName}: ${job.status}${job.failureMessage ? `: ${job.failureMessage}` : ""}\n`,
          );
          if (job.status === "Failed" || job.status === "Stopped") failed = true;
        }
      }
    } finally {
      for (const { s3, bedrock } of clients.values()) {
        s3.destroy();
        bedrock.destroy();
      }
    }
    return failed ? EXIT.problems : EXIT.ok;
  },
};

function describeLaunch(name: string, result: LaunchResult): string {
  const lines: string[] = [];
  for (const u of result.uploads) {
    lines.push(
      u.uploaded
        ? `  uploaded ${u.uri} (${formatBytes(u.bytesSent)})`
        : `  ${u.uri} is there already with the same SHA-256: not uploaded again`,
    );
  }
  const { job, plan } = result;
  const head = result.created
    ? `${name}: started ${job.jobName} (${job.status})`
    : `${name}: ${job.jobName} of this exact training exists already (${job.status}); no second job started`;
  lines.unshift(head);
  lines.push(`  job ARN  ${job.jobArn}`);
  lines.push(
    `  console  ${job.customModelArn ? consoleCustomModelUrl(plan.region, job.customModelArn) : consoleCustomModelsUrl(plan.region)}`,
  );
  lines.push(`  status   tunegate status ${job.jobName} --region ${plan.region}`);
  return `${lines.join("\n")}\n\n`;
}

function indent(text: string, spaces: number): string {
  return text
    .split("\n")
    .map((line) => `${" ".repeat(spaces)}${line}`)
    .join("\n");
}

interface GitFacts {
  top: string;
  commit: string;
}

/** The clone the config lives in, and its HEAD commit: the commit the jobs are tagged with. */
function gitFacts(cwd: string): GitFacts {
  try {
    const git = (...args: string[]) =>
      execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    return { top: git("rev-parse", "--show-toplevel"), commit: git("rev-parse", "HEAD") };
  } catch {
    throw new UsageError(
      "tunegate train tags each job with the commit its data comes from: run it inside a git clone with at least one commit.",
    );
  }
}

/** Which of `paths` differ from HEAD (modified, staged or untracked), as git names them. */
function changedFiles(top: string, paths: readonly string[]): string[] {
  const out = execFileSync("git", ["status", "--porcelain", "--untracked-files=all", "--", ...paths], {
    cwd: top,
    encoding: "utf8",
  });
  return out
    .split("\n")
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3));
}
