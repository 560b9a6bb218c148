// What the stand-in's reinforcement fine-tuning jobs write, in a format of the stand-in's own (AWS does
// not document where or how RFT jobs report rewards): one CSV per series file under the job folder,
//   training_artifacts/step_wise_reward_metrics.csv
//     step_number,epoch_number,aggregate_reward_score,<metric>...
//   validation_artifacts/reward_metrics.csv      (every evalInterval steps, when a validation file was given)
// Rewards rise from a low start towards a plateau, seeded by the job so reruns give the same figures.
import { round, seededRandom } from "./metrics.js";

export const RFT_TRAINING_REWARDS = "training_artifacts/step_wise_reward_metrics.csv";
export const RFT_VALIDATION_REWARDS = "validation_artifacts/reward_metrics.csv";

export interface RewardInput {
  readonly seed: string;
  readonly prompts: number;
  readonly batchSize: number;
  readonly epochCount: number;
  readonly evalInterval: number;
}

export interface RewardRow {
  readonly step: number;
  readonly epoch: number;
  readonly reward: number;
  /** A grader metric beside the reward ("type": "Metric" in the grader's answer). */
  readonly accuracy: number;
}

export function rewardCurves(input: RewardInput): { training: RewardRow[]; validation: RewardRow[] } {
  const random = seededRandom(JSON.stringify(input));
  const perEpoch = Math.max(1, Math.ceil(input.prompts / Math.max(1, input.batchSize)));
  const total = perEpoch * input.epochCount;
  const start = 0.1 + random() * 0.2;
  const top = 0.7 + random() * 0.2;
  const training: RewardRow[] = [];
  const validation: RewardRow[] = [];
  for (let step = 0; step < total; step += 1) {
    const progress = total === 1 ? 1 : step / (total - 1);
    const smooth = top - (top - start) * Math.exp(-3 * progress);
    const reward = round(Math.min(1, Math.max(0, smooth + (random() - 0.5) * 0.04)));
    const row = { step, epoch: Math.floor(step / perEpoch) + 1, reward, accuracy: round(reward * 0.9) };
    training.push(row);
    if ((step + 1) % input.evalInterval === 0 || step === total - 1) {
      validation.push({ ...row, reward: round(Math.max(0, reward - 0.03)) });
    }
  }
  return { training, validation };
}

export function rewardCsv(rows: readonly RewardRow[]): string {
  const lines = rows.map((r) => `${r.step},${r.epoch},${r.reward},${r.accuracy}`);
  return `step_number,epoch_number,aggregate_reward_score,accuracy\n${lines.join("\n")}\n`;
}
