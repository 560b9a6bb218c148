import {
  type BaseModel,
  consoleCustomModelsUrl,
  consoleCustomModelUrl,
  formatBytes,
  type JobCustomization,
  safeCode,
  safeInline,
  type TrainingCost,
  trainCommentMarker,
} from "@tunegate/core";

/** One dataset file as the comment shows it. */
export interface CommentDataset {
  role: "train" | "validation";
  /** Path in the repository. */
  path: string;
  records: number;
  bytes: number;
  sha256: string;
  uri: string;
}

export interface TrainingStartedInput {
  model: string;
  baseModel: BaseModel;
  region: string;
  commit: string;
  job: {
    jobName: string;
    jobArn: string;
    status: string;
    customModelName?: string | undefined;
    customModelArn?: string | undefined;
  };
  /** False when the job existed already (an earlier run or push of the same training). */
  created: boolean;
  attempt: number;
  datasets: CommentDataset[];
  /** Effective hyperparameters, and the names the configuration set. */
  hyperparameters: Record<string, string>;
  configured: readonly string[];
  cost: TrainingCost;
  lifecycleWarning?: string | undefined;
  runUrl?: string | undefined;
  /** Reinforcement fine-tuning or distillation; absent: supervised fine-tuning. */
  customization?: JobCustomization | undefined;
}

const VERB = { reinforcement: "Reinforcement fine-tuning", distillation: "Distilling into" } as const;

/** The job table's rows for the grader or the teacher. */
function customizationRows(customization: JobCustomization | undefined): string[][] {
  if (customization?.kind === "reinforcement") return [["Grader", safeCode(customization.graderArn, 520)]];
  if (customization?.kind === "distillation") return [["Teacher", safeCode(customization.teacher, 300)]];
  return [];
}

/**
 * The pull-request comment that says a model's training started: the job, where to watch it, the exact
 * data (records, SHA-256, S3 URIs) and the estimated cost. It starts with the marker the report action
 * looks for to update this comment in place when the job ends. Names come from tunegate.yml and AWS, so
 * they are still escaped.
 */
export function renderTrainingStarted(input: TrainingStartedInput): string {
  const { job, baseModel, region } = input;
  const title = input.created
    ? `### 🚀 Training started: ${safeCode(input.model, 100)}`
    : `### ⏳ Training already started: ${safeCode(input.model, 100)}`;
  const again = input.created
    ? ""
    : " A job for this exact data and these settings existed already, so no second job was started.";
  const retry =
    input.attempt > 1
      ? ` This is attempt ${input.attempt}: the earlier jobs of this training failed or were stopped.`
      : "";
  const intro =
    `${input.customization ? VERB[input.customization.kind] : "Fine-tuning"} **${safeInline(baseModel.name, 100)}** (${safeCode(baseModel.id)}) in ${safeCode(region)} on the data at commit ` +
    `${safeCode(input.commit.slice(0, 7))}.${again}${retry}`;

  const link = job.customModelArn
    ? `[custom model](${consoleCustomModelUrl(region, job.customModelArn)})`
    : `[Bedrock console, Custom models › Training jobs](${consoleCustomModelsUrl(region)})`;
  const rows = [
    ["Job", `${safeCode(job.jobName)} (${link})`],
    ["Job ARN", safeCode(job.jobArn, 300)],
    ["Status", safeInline(job.status, 40)],
    ["Custom model", safeCode(job.customModelName ?? job.jobName)],
    ...customizationRows(input.customization),
    ["Hyperparameters", hyperparameterText(input.hyperparameters, input.configured)],
  ];
  const jobTable = ["| | |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");

  const data = [
    "#### Data",
    "",
    "| Role | File | Records | Size | SHA-256 | S3 URI |",
    "| --- | --- | ---: | ---: | --- | --- |",
    ...input.datasets.map(
      (d) =>
        `| ${d.role} | ${safeCode(d.path)} | ${d.records.toLocaleString("en-US")} | ${formatBytes(d.bytes)} | ${safeCode(d.sha256)} | ${safeCode(d.uri, 400)} |`,
    ),
  ].join("\n");

  const sections = [trainCommentMarker(input.model, job.jobName), title, intro];
  if (input.lifecycleWarning) sections.push(`> [!WARNING]\n> ${safeInline(input.lifecycleWarning, 600)}`);
  sections.push(jobTable, data, costText(input.cost));
  sections.push(
    `_This comment is updated with the ${input.customization?.kind === "reinforcement" ? "rewards the job reports" : "training and validation loss"} when the job ends.${input.runUrl ? ` [Workflow run](${input.runUrl}).` : ""}_`,
  );
  return `${sections.join("\n\n")}\n`;
}

function hyperparameterText(values: Record<string, string>, configured: readonly string[]): string {
  const entries = Object.entries(values);
  if (entries.length === 0) return "service defaults";
  return entries
    .map(([name, value]) => `${safeCode(`${name}=${value}`)}${configured.includes(name) ? "" : " (default)"}`)
    .join(", ");
}

/** The estimate with its method and the price's source; no dollar figure without a known price. */
export function costText(cost: TrainingCost): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const tokens = cost.trainingTokens;
  const lines = [
    "#### Estimated training cost",
    "",
    `${n(tokens.value)} training tokens (${safeInline(tokens.method, 300)}) × ${cost.epochs} epoch${cost.epochs === 1 ? "" : "s"} = **${n(cost.billedTokens)} billed tokens**.`,
  ];
  if (cost.usd !== undefined && cost.pricePerMillionTokens) {
    lines.push(
      "",
      `≈ **$${cost.usd.toFixed(2)}** at $${cost.pricePerMillionTokens.usd} per million tokens (source: ${safeInline(cost.pricePerMillionTokens.source, 300)}), plus monthly storage of the custom model.`,
    );
  } else {
    lines.push(
      "",
      "No training price is known for this base model, so no dollar figure is shown. Add `prices.trainingPerMillionTokens` to its catalog entry in tunegate.yml to see one.",
    );
  }
  return lines.join("\n");
}
