import { z } from "zod";
import type { Problem } from "../problem";
import type { OnMerge } from "./pr-comment";

/**
 * The report files of the fork-safe pattern: the validate action writes `tunegate-report.json` (and the
 * Markdown beside it) on `pull_request`; the report action's `from-report` reads them back in a
 * `workflow_run` run that holds a write token. One schema serves both sides: the writer is typed by it,
 * the reader checks what a fork's code may have written against it. The reader relies only on the head
 * commit and the Markdown; the figures are for other tools.
 */

export const REPORT_MARKDOWN_FILE = "tunegate-report.md";
export const REPORT_JSON_FILE = "tunegate-report.json";

/** The Markdown is capped at a comment's size anyway; a larger file is refused unread. */
export const MAX_REPORT_MARKDOWN_BYTES = 4 * 1024 * 1024;
/** The JSON lists every problem found, so it may be large. */
export const MAX_REPORT_JSON_BYTES = 32 * 1024 * 1024;

const count = z.number().int().nonnegative();
const countsSchema = z.object({ errors: count, warnings: count, notices: count });
const sizeSchema = z.object({ records: count, tokens: count, bytes: count });
const costSchema = z.object({
  epochs: z.number(),
  trainingTokens: z.number(),
  billedTokens: z.number(),
  estimated: z.boolean(),
  usd: z.number().nullable(),
});

const datasetSchema = z.object({
  path: z.string(),
  role: z.string(),
  change: z.string(),
  base: sizeSchema.nullable(),
  head: sizeSchema.nullable(),
  records: z.object({ added: count, removed: count, modified: count, unchanged: count }).nullable(),
  labels: z.array(z.object({ label: z.string(), base: count, head: count })).nullable(),
});

const modelSchema = z.object({
  name: z.string(),
  baseModel: z.string(),
  region: z.string(),
  counts: countsSchema,
  datasets: z.array(datasetSchema),
  cost: z.object({ base: costSchema.nullable(), head: costSchema.nullable() }),
  settingChanges: z.array(z.string()),
  /** Written for other tools and never read back, so it is typed but not checked. */
  onMerge: z.custom<OnMerge>(),
});

export const reportFileSchema = z
  .object({
    version: z.literal(1).optional(),
    tool: z.string().optional(),
    toolVersion: z.string().optional(),
    repository: z.string().optional(),
    headSha: z.string().regex(/^[0-9a-f]{40}$/, "a 40-character lowercase hex commit SHA"),
    baseSha: z.string().optional(),
    pullRequest: z.number().int().positive().optional(),
    /** The comment body; when absent it is read from the Markdown file named by `markdownFile`. */
    markdown: z.string().max(MAX_REPORT_MARKDOWN_BYTES).optional(),
    markdownFile: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, "a file name beside the JSON file (no directories)")
      .optional(),
    valid: z.boolean().optional(),
    failOn: z.enum(["error", "warning", "never"]).optional(),
    counts: countsSchema.optional(),
    comment: z
      .union([
        z.object({ action: z.literal("forbidden") }),
        z.object({ action: z.string(), url: z.string() }),
      ])
      .optional(),
    models: z.array(modelSchema).optional(),
    untouchedModels: z.array(z.string()).optional(),
    /** Written for other tools and never read back, so it is typed but not checked. */
    problems: z.array(z.custom<Problem>()).optional(),
  })
  .loose();

/** A report file as read (and as written: the writer builds exactly this). */
export type ReportFile = z.infer<typeof reportFileSchema>;
