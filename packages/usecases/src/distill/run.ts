import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { converseAsker, createBedrockRuntimeClient } from "@tunegate/aws";
import {
  AdaptiveLimit,
  answerProblem,
  type Catalog,
  CostCap,
  type DistillEstimate,
  type DistillPrompt,
  estimateDistillation,
  type LimitHistory,
  loadTokenizer,
  onDemandUsd,
  promptIdentity,
  promptText,
  readPrompt,
  resolveTarget,
  type SourceFormat,
  teacherPrices,
  trainingRecord,
  UserError,
  type ValidationReport,
} from "@tunegate/core";
import type { RuntimeClientFactory } from "../evaluate";
import { type Sleep, systemSleep } from "../ports";
import { askAll, type PendingPrompt } from "./ask-teacher";
import { Journal, journalKey } from "./journal";
import { type DistillFailure, writeAndValidate, writeFailures } from "./output";

export interface DistillOptions {
  promptsPath: string;
  /** How reports name the prompts file and the output. */
  promptsName?: string;
  outputPath: string;
  outputName?: string;
  /** The teacher's model id, inference profile id or ARN, as Converse takes it. */
  teacher: string;
  /** The student's base model id in the catalog: its format and rules shape the output. */
  student: string;
  catalog: Catalog;
  /** Stop before the teacher's bill could pass this many US dollars (this run's calls only). */
  maxCostUsd?: number;
  /** The most calls in flight; throttling lowers it for a while. */
  concurrency: number;
  /** The longest answer, in tokens (default 1000). */
  maxTokens?: number;
  /** Print the estimate and ask nothing. */
  dryRun?: boolean;
  region?: string;
  env?: NodeJS.ProcessEnv;
  runtime?: RuntimeClientFactory;
  sleep?: Sleep;
  /** Called once, before the first call. */
  onEstimate?: (estimate: DistillEstimate, reused: number) => void;
  onProgress?: (progress: DistillProgress) => void;
}

export interface DistillProgress {
  done: number;
  total: number;
  failed: number;
  spentUsd?: number;
  limit: number;
}

export interface DistillReport {
  /** Non-empty lines of the prompts file. */
  prompts: number;
  estimate: DistillEstimate;
  dryRun: boolean;
  /** Answers taken from the journal of an earlier run, not asked again. */
  reused: number;
  /** Answers the teacher gave in this run. */
  answered: number;
  written: number;
  /** Every prompt that left no record, in file order. */
  failures: DistillFailure[];
  /** What this run's answers cost (absent without prices). */
  spentUsd?: number;
  /** The line the cost cap stopped at, and why. */
  stoppedAt?: { line: number; spentUsd: number; worstUsd: number; capUsd: number };
  concurrency: LimitHistory;
  validation?: ValidationReport;
  paths: { output: string; failures: string; journal: string };
}

/** Where the journal and the failures of an output live: beside it. */
export const distillPaths = (output: string) => ({
  output,
  failures: `${output}.failures.jsonl`,
  journal: `${output}.journal.jsonl`,
});

/**
 * Do-it-yourself distillation: asks a teacher every prompt through Converse, and writes the prompts
 * with its answers as a supervised training set for the student, checked under the student's rules.
 * Answers are journaled beside the output as they arrive, so a run started again asks only what it
 * has no answer for. Nothing is dropped silently: every prompt without a record is in `failures`.
 */
export async function distillDataset(options: DistillOptions): Promise<DistillReport> {
  const maxTokens = options.maxTokens ?? 1000;
  const settings = { teacher: options.teacher, maxTokens, temperature: 0 };
  // A base model of the catalog (a CatalogError names the known ones), not a format name.
  const student = options.catalog.get(options.student);
  const target = resolveTarget(student.id, options.catalog);
  const prices = teacherPrices(options.teacher, options.catalog);
  if (options.maxCostUsd !== undefined && !prices) {
    throw new UserError(
      `--max-cost needs the teacher's token prices, and the catalog has none for "${options.teacher}": add inputPerMillionTokens and outputPerMillionTokens under its entry's "prices" in tunegate.yml's "catalog:".`,
    );
  }
  if (!existsSync(options.promptsPath))
    throw new UserError(`Cannot read ${options.promptsName ?? options.promptsPath}: no such file.`);
  const paths = distillPaths(options.outputPath);
  if (!existsSync(dirname(paths.output)))
    throw new UserError(
      `Cannot write ${options.outputName ?? paths.output}: its folder does not exist. Create it, or give another -o.`,
    );

  // Every prompt, with its key and input tokens; unreadable lines are failures from the start.
  const count = await loadTokenizer();
  const failures: DistillFailure[] = [];
  const prompts: { key: string; prompt: DistillPrompt; inputTokens: number }[] = [];
  let from: SourceFormat | undefined;
  let lines = 0;
  readFileSync(options.promptsPath, "utf8")
    .split("\n")
    .forEach((raw, i) => {
      if (raw.trim() === "") return;
      lines++;
      const read = readPrompt(raw, i + 1, from);
      from ??= read.from;
      if ("reason" in read)
        failures.push({ line: read.line, reason: "unreadable-prompt", detail: read.reason });
      else {
        const key = journalKey(promptIdentity(read.prompt, settings));
        prompts.push({ key, prompt: read.prompt, inputTokens: count(promptText(read.prompt)) });
      }
    });

  const journal = new Journal(paths.journal);
  const toAsk: PendingPrompt[] = [];
  const seen = new Set<string>();
  for (const p of prompts) {
    if (journal.entries.has(p.key) || seen.has(p.key)) continue;
    seen.add(p.key);
    toAsk.push(p);
  }
  const reused = new Set(prompts.filter((p) => journal.entries.has(p.key)).map((p) => p.key)).size;
  const estimate = estimateDistillation(
    toAsk.map((p) => p.inputTokens),
    maxTokens,
    prices,
  );
  options.onEstimate?.(estimate, reused);
  const limit = new AdaptiveLimit({ max: Math.max(1, options.concurrency) });
  const base = { prompts: lines, estimate, reused, paths };
  if (options.dryRun) {
    return { ...base, dryRun: true, answered: 0, written: 0, failures, concurrency: limit.history };
  }

  // With prices and no cap, the cap is infinite: it still keeps the running bill for the progress line.
  const cap = prices
    ? new CostCap(options.maxCostUsd ?? Number.POSITIVE_INFINITY, prices, maxTokens)
    : undefined;
  const client =
    options.runtime?.() ??
    createBedrockRuntimeClient({
      // One attempt per call: the retries are the limit's, so it sees every throttle.
      maxAttempts: 1,
      region: options.region ?? (options.env ?? process.env).AWS_REGION ?? student.regions[0]!,
      ...(options.env ? { env: options.env } : {}),
    });
  let done = 0;
  let failed = 0;
  let asked: Awaited<ReturnType<typeof askAll>>;
  try {
    asked = await askAll({
      items: toAsk,
      teacher: options.teacher,
      ask: converseAsker(client, { maxTokens, temperature: 0 }),
      limit,
      retry: { attempts: 6, sleep: options.sleep ?? systemSleep },
      journal,
      ...(cap ? { cap } : {}),
      onSettled(answered) {
        done++;
        if (!answered) failed++;
        options.onProgress?.({
          done,
          total: toAsk.length,
          failed,
          ...(cap ? { spentUsd: cap.spentUsd } : {}),
          limit: limit.limit,
        });
      },
    });
  } finally {
    journal.close();
    client.destroy();
  }
  if (asked.abort !== undefined) {
    throw new UserError(
      `The teacher refused the first calls: ${asked.abort.replace(/\.$/, "")}. Check --teacher and the AWS credentials and Region; nothing else was asked (answers already received are kept in the journal).`,
    );
  }
  // This run's bill, from the usage Converse reported for each answer.
  const answeredNow = toAsk.flatMap((p) => journal.entries.get(p.key) ?? []);
  const spent = prices
    ? answeredNow.reduce((usd, e) => usd + onDemandUsd(prices, e.inputTokens ?? 0, e.outputTokens ?? 0), 0)
    : undefined;

  // The records, in the order of the prompts file.
  const stopLine = asked.stoppedAt?.item.prompt.line;
  const records: { line: number; json: string }[] = [];
  for (const p of prompts) {
    const line = p.prompt.line;
    const entry = journal.entries.get(p.key);
    if (!entry) {
      const error = asked.errors.get(p.key);
      if (error)
        failures.push({ line, reason: error.throttled ? "throttled" : "call-failed", detail: error.message });
      else if (stopLine !== undefined && line >= stopLine)
        failures.push({
          line,
          reason: "cost-cap",
          detail: `not asked: the run stopped at line ${stopLine} within --max-cost`,
        });
      continue;
    }
    const problem = answerProblem(entry.text, entry.stopReason);
    if (problem) {
      failures.push({ line, ...problem });
      continue;
    }
    const record = trainingRecord(p.prompt, entry.text, target, count);
    if ("json" in record) records.push({ line, json: record.json });
    else failures.push({ line, reason: record.reason, detail: record.detail });
  }
  const output = await writeAndValidate(
    paths.output,
    options.outputName ?? paths.output,
    records,
    student,
    failures,
  );
  failures.sort((a, b) => a.line - b.line);
  writeFailures(paths.failures, failures);
  return {
    ...base,
    dryRun: false,
    answered:
      toAsk.length -
      asked.errors.size -
      (asked.stoppedAt ? toAsk.length - toAsk.indexOf(asked.stoppedAt.item) : 0),
    written: output.written,
    failures,
    ...(spent === undefined ? {} : { spentUsd: spent }),
    ...(asked.stoppedAt && options.maxCostUsd !== undefined
      ? {
          stoppedAt: {
            line: asked.stoppedAt.item.prompt.line,
            spentUsd: asked.stoppedAt.spentUsd,
            worstUsd: asked.stoppedAt.worstUsd,
            capUsd: options.maxCostUsd,
          },
        }
      : {}),
    concurrency: limit.history,
    validation: output.validation,
  };
}
