// Deterministic stand-in training curves: the same job name and hyperparameters always give the same
// losses, shaped like a real fine-tuning run (fast early drop, then a plateau, small step noise).
import { createHash } from "node:crypto";

export interface CurveInput {
  readonly seed: string;
  readonly trainingRecords: number;
  readonly batchSize: number;
  readonly epochCount: number;
  /** Scales how fast the loss falls (Claude's learningRateMultiplier; 1 for others). */
  readonly speed: number;
}

export interface MetricRow {
  readonly step: number;
  readonly epoch: number;
  readonly loss: number;
}

/** A small seeded PRNG (mulberry32) so curves do not depend on Math.random. */
export function seededRandom(seed: string): () => number {
  let state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Six decimals, as the metrics files carry them. */
export const round = (value: number) => Math.round(value * 1e6) / 1e6;

export function stepsPerEpoch(input: CurveInput): number {
  return Math.max(1, Math.ceil(input.trainingRecords / Math.max(1, input.batchSize)));
}

export interface Curves {
  readonly training: readonly MetricRow[];
  /** One row per epoch, at the epoch's last step. */
  readonly validation: readonly MetricRow[];
}

export function lossCurves(input: CurveInput): Curves {
  const random = seededRandom(JSON.stringify(input));
  const start = 2 + random(); // 2.0 to 3.0
  const floor = 0.3 + random() * 0.4; // 0.3 to 0.7
  const gap = 0.05 + random() * 0.1; // validation sits a little above training
  const perEpoch = stepsPerEpoch(input);
  const total = perEpoch * input.epochCount;
  const rate = 4 * Math.max(0.05, input.speed);

  const training: MetricRow[] = [];
  const validation: MetricRow[] = [];
  for (let step = 0; step < total; step += 1) {
    const progress = total === 1 ? 1 : step / (total - 1);
    const smooth = floor + (start - floor) * Math.exp(-rate * progress);
    const noise = (random() - 0.5) * 0.04 * smooth;
    const epoch = Math.floor(step / perEpoch) + 1;
    training.push({ step, epoch, loss: round(smooth + noise) });
    if ((step + 1) % perEpoch === 0) {
      validation.push({ step, epoch, loss: round(smooth + gap + (random() - 0.5) * 0.02) });
    }
  }
  return { training, validation };
}

export function metricsCsv(
  rows: readonly MetricRow[],
  lossColumn: "training_loss" | "validation_loss",
): string {
  const lines = rows.map((row) => `${row.step},${row.epoch},${row.loss},${round(Math.exp(row.loss))}`);
  return `step_number,epoch_number,${lossColumn},perplexity\n${lines.join("\n")}\n`;
}
