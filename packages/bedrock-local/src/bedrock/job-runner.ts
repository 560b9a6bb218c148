// The life of a customization job after CreateModelCustomizationJob answered: read the data back from
// S3 as the service role would, check it, probe write access to the output folder, "train" for the
// configured (virtual) duration, then write the metrics files and register the custom model.
import type { Scheduler } from "../control/scheduler.js";
import { resourceId } from "../ids.js";
import { lossCurves, metricsCsv } from "./metrics.js";
import { checkDataFile, type DataRole } from "./records.js";
import { RFT_TRAINING_REWARDS, RFT_VALIDATION_REWARDS, rewardCsv, rewardCurves } from "./reward-metrics.js";
import { fileName, folderKey, parseS3Uri, type S3Data } from "./s3-data.js";
import type { CustomModelRecord, JobRecord, StandInState } from "./state.js";

export interface JobRunnerOptions {
  readonly scheduler: Scheduler;
  readonly s3: S3Data;
  readonly state: StandInState;
  readonly jobDurationMs: number;
  readonly stopDurationMs: number;
  readonly region: string;
  readonly accountId: string;
}

export const WRITE_CHECK_FILE = ".write_access_check_file.tmp";

export class JobRunner {
  constructor(private readonly options: JobRunnerOptions) {}

  start(job: JobRecord): void {
    this.options.scheduler.run(() => this.run(job));
  }

  /** Ends a job as Failed, with AWS's message and (optionally) the stand-in's own detail. */
  fail(job: JobRecord, message: string, detail?: string): void {
    const now = this.options.scheduler.date();
    job.status = "Failed";
    job.failureMessage = message;
    job.failureDetail = detail;
    job.endTime = now;
    job.lastModifiedTime = now;
  }

  stop(job: JobRecord): void {
    const { scheduler, stopDurationMs } = this.options;
    job.status = "Stopping";
    job.lastModifiedTime = scheduler.date();
    scheduler.run(async () => {
      await scheduler.sleepUntil(scheduler.now() + stopDurationMs);
      if (job.status !== "Stopping") return;
      job.status = "Stopped";
      job.endTime = scheduler.date();
      job.lastModifiedTime = job.endTime;
    });
  }

  private async run(job: JobRecord): Promise<void> {
    const { scheduler } = this.options;
    const training = await this.readData(job, job.trainingDataConfig.s3Uri, "training");
    if (training === undefined) return;
    const validations: number[] = [];
    for (const validator of job.validationDataConfig?.validators ?? []) {
      const records = await this.readData(job, validator.s3Uri, "validation");
      if (records === undefined) return;
      validations.push(records);
    }
    job.trainingRecords = training;
    job.validationRecords = validations.reduce((sum, count) => sum + count, 0);
    if (!(await this.checkWriteAccess(job))) return;
    job.phase = "training";

    await scheduler.sleepUntil(job.creationTime.getTime() + this.options.jobDurationMs);
    if (job.status !== "InProgress") return;
    await this.complete(job, training, validations.length);
  }

  /** Reads and checks one data file; on any problem the job fails and `undefined` comes back. */
  private async readData(job: JobRecord, uri: string, role: DataRole): Promise<number | undefined> {
    const location = parseS3Uri(uri);
    let text: string;
    try {
      text = await this.options.s3.read(location);
    } catch (error) {
      if (job.status === "InProgress") {
        this.fail(
          job,
          `Could not validate GetObject permissions to access Amazon S3 bucket: ${location.bucket} at key ${location.key}`,
          error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        );
      }
      return undefined;
    }
    if (job.status !== "InProgress") return undefined;
    const check = checkDataFile(text, fileName(location.key), role, job.baseModel, job.customizationType);
    if (!check.ok) {
      this.fail(job, check.message, check.detail);
      return undefined;
    }
    return check.records;
  }

  private async checkWriteAccess(job: JobRecord): Promise<boolean> {
    const output = parseS3Uri(job.outputDataConfig.s3Uri);
    const key = `${folderKey(output)}${WRITE_CHECK_FILE}`;
    try {
      await this.options.s3.write({ bucket: output.bucket, key }, "", "application/octet-stream");
      return job.status === "InProgress";
    } catch (error) {
      if (job.status === "InProgress") {
        this.fail(
          job,
          `Amazon S3 perms missing (PutObject): Could not validate PutObject permissions to access S3 bucket: ${output.bucket} at key ${key}`,
          error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        );
      }
      return false;
    }
  }

  /** The series files of an RFT job (see reward-metrics.ts); it writes no loss file. */
  private rewardFiles(job: JobRecord, trainingRecords: number, validatorCount: number) {
    const hp = job.customizationConfig?.rftConfig?.hyperParameters ?? {};
    const number = (name: string, fallback: number) => (typeof hp[name] === "number" ? hp[name] : fallback);
    const curves = rewardCurves({
      seed: `${job.jobName}|${JSON.stringify(hp)}`,
      prompts: trainingRecords,
      batchSize: number("batchSize", 16),
      epochCount: number("epochCount", 1),
      evalInterval: number("evalInterval", 10),
    });
    return [
      { path: RFT_TRAINING_REWARDS, body: rewardCsv(curves.training) },
      ...(validatorCount > 0 ? [{ path: RFT_VALIDATION_REWARDS, body: rewardCsv(curves.validation) }] : []),
    ];
  }

  private async complete(job: JobRecord, trainingRecords: number, validatorCount: number): Promise<void> {
    const { scheduler, s3, state } = this.options;
    const rft = job.customizationType === "REINFORCEMENT_FINE_TUNING";
    const hyper = job.hyperParameters;
    const spec = job.baseModel.hyperParameters;
    const numberOf = (name: string, fallback: number) => {
      const given = hyper[name];
      return given === undefined ? (spec[name]?.default ?? fallback) : Number(given);
    };
    const curves = lossCurves({
      seed: `${job.jobName}|${JSON.stringify(Object.entries(hyper).sort())}`,
      trainingRecords,
      // Models without a batchSize hyperparameter (Nova) are treated as one record per step.
      batchSize: numberOf("batchSize", 1),
      epochCount: numberOf("epochCount", 1),
      speed: numberOf("learningRateMultiplier", 1),
    });

    const output = parseS3Uri(job.outputDataConfig.s3Uri);
    const jobFolder = `${folderKey(output)}model-customization-job-${job.jobId}/`;
    try {
      for (const file of rft ? this.rewardFiles(job, trainingRecords, validatorCount) : []) {
        await s3.write({ bucket: output.bucket, key: `${jobFolder}${file.path}` }, file.body);
      }
      if (!rft) {
        await s3.write(
          { bucket: output.bucket, key: `${jobFolder}training_artifacts/step_wise_training_metrics.csv` },
          metricsCsv(curves.training, "training_loss"),
        );
      }
      if (validatorCount > 0 && !rft) {
        await s3.write(
          {
            bucket: output.bucket,
            key: `${jobFolder}validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv`,
          },
          metricsCsv(curves.validation, "validation_loss"),
        );
      }
    } catch (error) {
      this.fail(
        job,
        `Amazon S3 perms missing (PutObject): Could not write output to S3 bucket: ${output.bucket}`,
        error instanceof Error ? error.message : String(error),
      );
      return;
    }
    if (job.status !== "InProgress") return;

    const now = scheduler.date();
    const modelArn = `arn:aws:bedrock:${this.options.region}:${this.options.accountId}:custom-model/${job.baseModel.id}/${resourceId()}`;
    const model: CustomModelRecord = {
      modelArn,
      modelName: job.customModelName,
      job,
      creationTime: now,
      tags: [...job.customModelTags],
    };
    state.customModels.push(model);
    const finalTraining = curves.training.at(-1)?.loss;
    const finalValidation = curves.validation.at(-1)?.loss;
    job.trainingMetrics = finalTraining === undefined || rft ? undefined : { trainingLoss: finalTraining };
    job.validationMetrics =
      validatorCount > 0 && finalValidation !== undefined && !rft
        ? Array.from({ length: validatorCount }, () => ({ validationLoss: finalValidation }))
        : undefined;
    job.outputModelArn = modelArn;
    job.status = "Completed";
    job.endTime = now;
    job.lastModifiedTime = now;
  }
}
