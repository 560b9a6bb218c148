import { checkTeacher } from "../catalog/distillation";
import type { BaseModel } from "../catalog/schema";
import type { JobCustomization, RftHyperparameters } from "../jobs/customization";
import { CUSTOMIZATION_TYPE, type Customization } from "./customization";
import type { IssueTarget, PathSegment } from "./issues";
import { isPlain, type Plain } from "./merge-layers";

export interface CustomizationInput {
  /** The model's settings with defaults merged in. */
  merged: Plain;
  /** The base model's catalog entry, when it resolved. */
  base: BaseModel | undefined;
  /** The job's Region, when it resolved. */
  region: string | undefined;
  /** Whether the schema accepted the value at this path of the model (no earlier message about it). */
  clean(sub: PathSegment[]): boolean;
  /** Reports a problem at a path of the model (`missing`: the key is absent). */
  error(sub: PathSegment[], target: IssueTarget, message: string, hint?: string): void;
}

export interface ResolvedCustomization {
  kind: Customization;
  /** Absent for supervised fine-tuning. */
  job?: JobCustomization;
  /** False when a problem was reported. */
  ok: boolean;
}

const SECTION: Partial<Record<Customization, "reinforcement" | "distillation">> = {
  reinforcement: "reinforcement",
  distillation: "distillation",
};

/** The customization a model's settings ask for (fine-tuning unless `customization:` says otherwise). */
export function customizationOf(merged: Plain): Customization {
  return typeof merged.customization === "string" ? (merged.customization as Customization) : "fine-tuning";
}

/**
 * Why the base model cannot be customized as the settings ask (its catalog entry does not list the
 * type), reported at `customization:` or, when that is not written, at `baseModel:`; true when it can.
 */
export function checkCustomizationType(
  merged: Plain,
  base: BaseModel,
  error: CustomizationInput["error"],
): boolean {
  const kind = customizationOf(merged);
  if (base.customizationTypes.includes(CUSTOMIZATION_TYPE[kind])) return true;
  const written = merged.customization !== undefined;
  error(
    written ? ["customization"] : ["baseModel"],
    "value",
    `${base.name} (${base.id}) does not support ${kind === "fine-tuning" ? "fine-tuning" : `${kind} (${CUSTOMIZATION_TYPE[kind]})`}; its customization types are ${base.customizationTypes.join(", ")}`,
    written ? "choose a customization its catalog entry lists, or another base model." : undefined,
  );
  return false;
}

/**
 * The model's customization with its section, once the base model takes it (`checkCustomizationType`):
 * the section of the kind must be complete and the other's absent, a teacher must be one of the
 * student's in the job's Region, and the supervised `hyperparameters` map is not taken where the API
 * has another place for them (or none).
 */
export function resolveCustomization(input: CustomizationInput): ResolvedCustomization {
  const { merged, base } = input;
  const kind = customizationOf(merged);
  if (!input.clean(["customization"])) return { kind, ok: false };
  let ok = true;
  const fail = (sub: PathSegment[], target: IssueTarget, message: string, hint?: string) => {
    input.error(sub, target, message, hint);
    ok = false;
  };

  for (const [other, section] of Object.entries(SECTION) as [Customization, string][]) {
    if (other !== kind && merged[section] !== undefined && input.clean([section])) {
      fail(
        [section],
        "key",
        `${section}: is set, but the model's customization is ${kind}`,
        `set customization: ${other}, or remove ${section}:.`,
      );
    }
  }
  if (kind === "fine-tuning") return { kind, ok };

  const hyperparameters = merged.hyperparameters;
  if (
    isPlain(hyperparameters) &&
    Object.keys(hyperparameters).length > 0 &&
    input.clean(["hyperparameters"])
  ) {
    fail(
      ["hyperparameters"],
      "key",
      kind === "reinforcement"
        ? "reinforcement fine-tuning does not take the supervised hyperparameters map"
        : "a distillation job takes no hyperparameters from tunegate (AWS documents none for it)",
      kind === "reinforcement"
        ? "move them under reinforcement.hyperparameters, as numbers (epochCount, batchSize, learningRate, ...)."
        : "remove hyperparameters: from the model (or set it to null over defaults).",
    );
  }

  if (kind === "reinforcement") {
    const section = isPlain(merged.reinforcement) ? merged.reinforcement : {};
    if (!input.clean(["reinforcement"])) return { kind, ok: false };
    const grader = section.grader;
    if (typeof grader !== "string") {
      fail(
        ["reinforcement", "grader"],
        "missing",
        "reinforcement fine-tuning needs a grader",
        "set reinforcement.grader to the ARN of the Lambda function that scores the replies.",
      );
      return { kind, ok };
    }
    const hp = isPlain(section.hyperparameters) ? (section.hyperparameters as RftHyperparameters) : {};
    return { kind, ok, job: { kind: "reinforcement", graderArn: grader, hyperparameters: { ...hp } } };
  }

  const section = isPlain(merged.distillation) ? merged.distillation : {};
  if (!input.clean(["distillation"])) return { kind, ok: false };
  const teacher = section.teacher;
  if (typeof teacher !== "string") {
    fail(
      ["distillation", "teacher"],
      "missing",
      "distillation needs a teacher model",
      "set distillation.teacher to the teacher's model id or inference profile ARN.",
    );
    return { kind, ok };
  }
  if (base && input.region !== undefined) {
    const check = checkTeacher(base, teacher, input.region);
    if (!check.ok) fail(["distillation", "teacher"], "value", check.message, check.hint);
  }
  const max = section.maxResponseLengthForInference;
  return {
    kind,
    ok,
    job: {
      kind: "distillation",
      teacher,
      ...(typeof max === "number" ? { maxResponseLengthForInference: max } : {}),
    },
  };
}
