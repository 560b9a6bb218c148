// The life of a batch inference job after CreateModelInvocationJob answered, on the virtual clock:
// Submitted, Validating (the records are read back from S3 as the service role would), InProgress for
// the configured duration, then every record is answered by the Runtime stand-in's responder and the
// results are written where Bedrock writes them: `<output>/<jobId>/<input file>.out`, one line per
// record ({recordId, modelInput, modelOutput} or {recordId, modelInput, error}), and
// `manifest.json.out` with the counts (batch-inference-results.html).
import type { Scheduler } from "../control/scheduler.js";
import { type ConverseCall, type ConverseText, shapeAnswer } from "../runtime/answers.js";
import type { BatchSettings } from "./handlers/common.js";
import { fileName, folderKey, parseS3Uri, type S3Location } from "./s3-data.js";
import type { InvocationJobRecord } from "./state.js";

interface InputFile {
  readonly location: S3Location;
  readonly records: readonly { readonly recordId: string; readonly modelInput: unknown }[];
}

const RECORD_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Bedrock adds an 11-character id to a record that has none. */
function generatedRecordId(file: number, line: number): string {
  let n = file * 1_000_000 + line;
  let id = "";
  for (let i = 0; i < 11; i++) {
    id = RECORD_ID_CHARS[n % RECORD_ID_CHARS.length] + id;
    n = Math.floor(n / RECORD_ID_CHARS.length);
  }
  return id;
}

function textOf(blocks: unknown): string {
  if (!Array.isArray(blocks)) return "";
  return blocks
    .map((block) => (block as { text?: unknown })?.text)
    .filter((text): text is string => typeof text === "string")
    .join("\n");
}

/** A Converse request body as the Runtime stand-in's responder sees it. */
function converseCall(modelId: string, input: Record<string, unknown>): ConverseCall {
  const messages = Array.isArray(input.messages) ? input.messages : [];
  const turns: ConverseText[] = messages.map((message) => {
    const role = (message as { role?: unknown }).role;
    if (role !== "user" && role !== "assistant") throw new Error(`A message has the role ${String(role)}.`);
    return { role, text: textOf((message as { content?: unknown }).content) };
  });
  if (turns[0]?.role !== "user") throw new Error("A conversation must start with a user message.");
  return {
    modelId,
    system: textOf(input.system),
    messages: turns,
    inferenceConfig: (input.inferenceConfig as ConverseCall["inferenceConfig"]) ?? {},
    raw: input,
  };
}

export class BatchRunner {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly settings: BatchSettings,
  ) {}

  start(job: InvocationJobRecord): void {
    this.scheduler.run(() => this.run(job));
  }

  stop(job: InvocationJobRecord): void {
    const { scheduler } = this;
    job.status = "Stopping";
    job.lastModifiedTime = scheduler.date();
    scheduler.run(async () => {
      await scheduler.sleepUntil(scheduler.now() + this.settings.stopDurationMs);
      if (job.status !== "Stopping") return;
      this.end(job, "Stopped");
    });
  }

  private end(job: InvocationJobRecord, status: InvocationJobRecord["status"], message?: string): void {
    job.status = status;
    job.message = message;
    job.endTime = this.scheduler.date();
    job.lastModifiedTime = job.endTime;
  }

  private async run(job: InvocationJobRecord): Promise<void> {
    const { scheduler, settings } = this;
    job.status = "Validating";
    job.lastModifiedTime = scheduler.date();
    let files: InputFile[];
    try {
      files = await this.readInput(job);
    } catch (error) {
      this.end(job, "Failed", (error as Error).message);
      return;
    }
    const total = files.reduce((n, file) => n + file.records.length, 0);
    job.totalRecordCount = total;
    // Unconfirmed wording; the quota is "Minimum number of records per batch inference job".
    if (total < settings.minRecords) {
      this.end(
        job,
        "Failed",
        `The job has ${total} records; a batch inference job needs at least ${settings.minRecords}.`,
      );
      return;
    }
    if (job.status !== "Validating") return; // stopped meanwhile
    job.status = "InProgress";
    job.processedRecordCount = 0;
    job.lastModifiedTime = scheduler.date();
    await scheduler.sleepUntil(scheduler.now() + settings.durationMs);
    if (job.status !== "InProgress") return;

    const output = parseS3Uri(job.outputDataConfig.s3OutputDataConfig.s3Uri);
    const folder = `${folderKey(output)}${job.jobId}/`;
    let success = 0;
    let errors = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    for (const file of files) {
      const lines: string[] = [];
      for (const record of file.records) {
        const line = await this.answer(job, record);
        if ("error" in line) errors++;
        else {
          success++;
          inputTokens += line.modelOutput.usage.inputTokens;
          outputTokens += line.modelOutput.usage.outputTokens;
        }
        lines.push(JSON.stringify(line));
      }
      const key = `${folder}${fileName(file.location.key)}.out`;
      await settings.s3.write({ bucket: output.bucket, key }, `${lines.join("\n")}\n`, "application/jsonl");
    }
    const manifest = {
      totalRecordCount: total,
      processedRecordCount: success + errors,
      successRecordCount: success,
      errorRecordCount: errors,
      inputTokenCount: inputTokens,
      outputTokenCount: outputTokens,
    };
    await settings.s3.write(
      { bucket: output.bucket, key: `${folder}manifest.json.out` },
      JSON.stringify(manifest),
      "application/json",
    );
    if (job.status !== "InProgress") return;
    job.processedRecordCount = success + errors;
    job.successRecordCount = success;
    job.errorRecordCount = errors;
    this.end(job, errors > 0 ? "PartiallyCompleted" : "Completed");
  }

  private async answer(
    job: InvocationJobRecord,
    record: InputFile["records"][number],
  ): Promise<
    | { recordId: string; modelInput: unknown; modelOutput: ConverseBody }
    | { recordId: string; modelInput: unknown; error: { errorCode: number; errorMessage: string } }
  > {
    const { recordId, modelInput } = record;
    try {
      if (modelInput === null || typeof modelInput !== "object" || Array.isArray(modelInput)) {
        throw new Error("modelInput must be a JSON object with the Converse request body.");
      }
      const call = converseCall(job.modelId, modelInput as Record<string, unknown>);
      const answer = await this.settings.respond(call);
      const shaped = shapeAnswer(call, answer);
      const modelOutput: ConverseBody = {
        output: { message: { role: "assistant", content: [{ text: shaped.text }] } },
        stopReason: shaped.stopReason,
        usage: {
          inputTokens: shaped.inputTokens,
          outputTokens: shaped.outputTokens,
          totalTokens: shaped.inputTokens + shaped.outputTokens,
        },
        metrics: { latencyMs: answer.latencyMs ?? 0 },
      };
      return { recordId, modelInput, modelOutput };
    } catch (error) {
      return { recordId, modelInput, error: { errorCode: 400, errorMessage: (error as Error).message } };
    }
  }

  /** The input URI names one .jsonl file or a folder whose .jsonl files are all read. */
  private async readInput(job: InvocationJobRecord): Promise<InputFile[]> {
    const input = parseS3Uri(job.inputDataConfig.s3InputDataConfig.s3Uri);
    const { s3 } = this.settings;
    const keys = input.key.endsWith(".jsonl")
      ? [input.key]
      : (await s3.list(input.bucket, folderKey(input))).filter((key) => key.endsWith(".jsonl")).sort();
    if (keys.length === 0) {
      throw new Error(`No .jsonl file found at ${job.inputDataConfig.s3InputDataConfig.s3Uri}.`);
    }
    const files: InputFile[] = [];
    for (const [index, key] of keys.entries()) {
      const location = { bucket: input.bucket, key };
      let text: string;
      try {
        text = await s3.read(location);
      } catch {
        // Unconfirmed wording, as for customization jobs.
        throw new Error(`Could not read s3://${input.bucket}/${key}: check the service role's s3:GetObject.`);
      }
      const records: { recordId: string; modelInput: unknown }[] = [];
      for (const [position, line] of text.split("\n").entries()) {
        if (line.trim() === "") continue;
        let parsed: { recordId?: unknown; modelInput?: unknown };
        try {
          parsed = JSON.parse(line) as typeof parsed;
        } catch {
          throw new Error(`Line ${position + 1} of ${fileName(key)} is not valid JSON.`);
        }
        const recordId =
          typeof parsed.recordId === "string" ? parsed.recordId : generatedRecordId(index, position);
        records.push({ recordId, modelInput: parsed.modelInput });
      }
      files.push({ location, records });
    }
    return files;
  }
}

interface ConverseBody {
  output: { message: { role: "assistant"; content: { text: string }[] } };
  stopReason: string;
  usage: { inputTokens: number; outputTokens: number; totalTokens: number };
  metrics: { latencyMs: number };
}
