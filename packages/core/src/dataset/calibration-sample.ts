import type { BaseModel } from "../catalog/schema";
import { type Calibration, type CountTokens, calibrate } from "../tokens/count";
import type { DatasetIo } from "./io";
import { startsWithBom } from "./line-bytes";
import { type BatchResult, LineChecker } from "./line-checker";
import { readChunkedLines } from "./line-reader";
import type { DatasetFile } from "./types";

// Enough text for a stable tokens-per-character ratio (about 16k tokens) at about 10 ms of tokenizing.
export const CALIBRATION_SAMPLE_CHARS = 64 * 1024;

/**
 * The text a file's token estimates are calibrated on: the texts of its first readable records, in line
 * order, batch by batch until there are enough. Only results merged in line order add to it, so it does
 * not depend on which thread checked which batch.
 */
export class CalibrationSample {
  text = "";
  records = 0;

  get complete(): boolean {
    return this.text.length >= CALIBRATION_SAMPLE_CHARS;
  }

  /** Adds a batch's sample (checked with `sampleChars: CALIBRATION_SAMPLE_CHARS`) while one is wanted. */
  add(result: BatchResult): void {
    if (this.complete || !result.sample) return;
    this.text += result.sample;
    this.records += result.sampleRecords;
  }

  calibration(count: CountTokens | undefined, model: BaseModel): Calibration {
    return calibrate(this.text, count, this.records, model);
  }
}

/**
 * The calibration a full check of the file gives (`calibrateTokens: true`), from its first records only:
 * what a cost estimate needs after a check that did not calibrate, without checking the file again.
 */
export async function calibrateFromHead(
  file: Pick<DatasetFile, "path">,
  model: BaseModel,
  io: DatasetIo,
  count: CountTokens,
): Promise<Calibration> {
  const checker = new LineChecker({ model }, io);
  const sample = new CalibrationSample();
  let bom = false;
  // Stops reading (and closes the file) once the sample is complete.
  async function* head(): AsyncIterable<Buffer> {
    for await (const chunk of io.chunks(file.path)) {
      yield chunk;
      if (sample.complete) return;
    }
  }
  await readChunkedLines(head(), {
    head: (bytes) => {
      bom = startsWithBom(bytes);
      return true;
    },
    batch: (batch) => sample.add(checker.checkBatch(batch, { sampleChars: CALIBRATION_SAMPLE_CHARS, bom })),
    overlong: () => {},
  });
  return sample.calibration(count, model);
}
