import { writeFileSync } from "node:fs";
import type { BaseModel, DistillFailureReason, Problem, ValidationReport } from "@tunegate/core";
import { validateDatasets } from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";

/** A prompt that left no record in the output, and why. */
export interface DistillFailure {
  /** The prompt's line in the prompts file. */
  line: number;
  reason: DistillFailureReason;
  detail: string;
}

/** Problems about the file as a whole (too few records, say): no one record can be dropped for them. */
const FILE_LEVEL =
  /^(file\/|dataset\/(too-few-records|too-many-records|validation-unsupported|total-records)$)/;

export interface WrittenOutput {
  written: number;
  validation: ValidationReport;
}

/**
 * Writes the records and checks the file under the student's rules, as `tunegate validate` would. A
 * record the rules refuse is taken out (and listed with the rule's message) and the file checked again,
 * so what is left validates clean; problems of the whole file stay in the report.
 */
export async function writeAndValidate(
  path: string,
  name: string,
  records: readonly { line: number; json: string }[],
  student: BaseModel,
  failures: DistillFailure[],
): Promise<WrittenOutput> {
  let kept = [...records];
  for (let pass = 0; ; pass++) {
    writeFileSync(path, kept.map((r) => `${r.json}\n`).join(""));
    const validation = await validateDatasets([{ path, role: "train", name }], {
      model: student,
      io: nodeDatasetIo,
      maxProblemsPerFile: Number.MAX_SAFE_INTEGER,
    });
    const refused = new Map<number, Problem>();
    for (const p of validation.files[0]?.problems ?? []) {
      if (p.severity === "error" && !FILE_LEVEL.test(p.rule) && !refused.has(p.line)) refused.set(p.line, p);
    }
    if (refused.size === 0 || pass === 1) return { written: kept.length, validation };
    for (const [outputLine, problem] of refused) {
      failures.push({
        line: kept[outputLine - 1]!.line,
        reason: "student-rules",
        detail: `${problem.rule}: ${problem.message}`,
      });
    }
    kept = kept.filter((_, i) => !refused.has(i + 1));
  }
}

export function writeFailures(path: string, failures: readonly DistillFailure[]): void {
  writeFileSync(path, failures.map((f) => `${JSON.stringify(f)}\n`).join(""));
}
