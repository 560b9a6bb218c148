import type { BaseModel, DistillationTeacher } from "./schema";

/**
 * The teacher/student pairs Bedrock distills, as catalog data: each student's entry carries its
 * teachers and Regions (`distillation`), so a team whose account has another pair adds it under
 * "catalog:" in tunegate.yml like any other figure.
 */

export const AWS_DISTILLATION_MODELS =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/prequisites-model-distillation.html";
export const AWS_DISTILLATION_PROMPTS =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/distillation-data-prep-option-1.html";

const NOVA_PRO = { id: "amazon.nova-pro-v1:0", name: "Amazon Nova Pro", inferenceProfileOnly: false };
const NOVA_PREMIER = {
  id: "amazon.nova-premier-v1:0",
  name: "Amazon Nova Premier",
  inferenceProfileOnly: true,
};
const LLAMA_405B = {
  id: "meta.llama3-1-405b-instruct-v1:0",
  name: "Meta Llama 3.1 405B Instruct",
  inferenceProfileOnly: false,
};
const LLAMA_31_70B = {
  id: "meta.llama3-1-70b-instruct-v1:0",
  name: "Meta Llama 3.1 70B Instruct",
  inferenceProfileOnly: false,
};
const LLAMA_33_70B = {
  id: "meta.llama3-3-70b-instruct-v1:0",
  name: "Meta Llama 3.3 70B Instruct",
  inferenceProfileOnly: true,
};

type Pairs = NonNullable<BaseModel["distillation"]>;

function nova(teachers: DistillationTeacher[]): Pairs {
  return {
    teachers,
    regions: ["us-east-1"],
    singleTurn: false,
    source: `${AWS_DISTILLATION_MODELS} (Nova Pro on demand or by inference profile, Nova Premier by inference profile only; us-east-1); ${AWS_DISTILLATION_PROMPTS}: Nova students take multi-turn prompts`,
  };
}

function llama(teachers: DistillationTeacher[]): Pairs {
  return {
    teachers,
    regions: ["us-west-2"],
    singleTurn: true,
    source: `${AWS_DISTILLATION_MODELS} (Llama 3.3 70B by inference profile only; us-west-2); ${AWS_DISTILLATION_PROMPTS}: Meta Llama models take single-turn prompts only`,
  };
}

/** Each student's teachers, by the student's catalog id (prequisites-model-distillation.html). */
export const DISTILLATION_PAIRS: Readonly<Record<string, Pairs>> = {
  "amazon.nova-micro-v1:0:128k": nova([NOVA_PRO, NOVA_PREMIER]),
  "amazon.nova-lite-v1:0:300k": nova([NOVA_PRO, NOVA_PREMIER]),
  "amazon.nova-pro-v1:0:300k": nova([NOVA_PREMIER]),
  "meta.llama3-1-8b-instruct-v1:0:128k": llama([LLAMA_405B, LLAMA_31_70B, LLAMA_33_70B]),
  "meta.llama3-1-70b-instruct-v1:0:128k": llama([LLAMA_405B]),
  "meta.llama3-2-1b-instruct-v1:0:128k": llama([LLAMA_405B, LLAMA_31_70B, LLAMA_33_70B]),
  "meta.llama3-2-3b-instruct-v1:0:128k": llama([LLAMA_31_70B, LLAMA_33_70B]),
  "meta.llama3-3-70b-instruct-v1:0:128k": llama([LLAMA_405B]),
};

export interface TeacherRef {
  /** The foundation-model id the identifier names (an inference profile's model, without its geography). */
  modelId: string;
  /** Set when the identifier is an inference profile ARN: its Region. */
  profileRegion?: string;
}

/**
 * The model a teacher identifier names: a model id, a foundation-model ARN, or an inference profile ARN
 * (`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-premier-v1:0`, whose id
 * carries a geography prefix such as `us.`).
 */
export function teacherRef(identifier: string): TeacherRef {
  const profile = /^arn:aws[^:]*:bedrock:([a-z0-9-]+):\d{12}:inference-profile\/(.+)$/.exec(identifier);
  if (profile) {
    const id = profile[2]!.replace(/^(us|eu|apac|us-gov|global|ca|jp|au)\./, "");
    return { modelId: id, profileRegion: profile[1]! };
  }
  const arn = /^arn:aws[^:]*:bedrock:[^:]*::foundation-model\/(.+)$/.exec(identifier);
  return { modelId: arn ? arn[1]! : identifier };
}

export type TeacherCheck =
  | { ok: true; teacher: DistillationTeacher }
  | { ok: false; message: string; hint: string };

/** Whether `identifier` is a teacher `student` can be distilled from in `region`, and why not. */
export function checkTeacher(student: BaseModel, identifier: string, region: string): TeacherCheck {
  const pairs = student.distillation;
  if (!pairs) {
    return {
      ok: false,
      message: `${student.name} (${student.id}) is not a distillation student in the catalog`,
      hint: `students: ${Object.keys(DISTILLATION_PAIRS).join(", ")} (${AWS_DISTILLATION_MODELS}).`,
    };
  }
  const names = pairs.teachers.map(
    (t) => `${t.name} (${t.id}${t.inferenceProfileOnly ? ", inference profile only" : ""})`,
  );
  const ref = teacherRef(identifier);
  const teacher = pairs.teachers.find((t) => t.id === ref.modelId);
  if (!teacher) {
    return {
      ok: false,
      message: `${identifier} is not a teacher ${student.name} can be distilled from; its teachers are ${names.join(", ")}`,
      hint: `use one of them (source: ${pairs.source}); if AWS has enabled another pair for your account, list it under "catalog:" in the student's entry (distillation.teachers).`,
    };
  }
  if (!pairs.regions.includes(region)) {
    return {
      ok: false,
      message: `${student.name} is distilled in ${pairs.regions.join(", ")}, not in ${region}`,
      hint: `set region: ${pairs.regions[0]} (source: ${pairs.source}).`,
    };
  }
  if (teacher.inferenceProfileOnly && ref.profileRegion === undefined) {
    return {
      ok: false,
      message: `${teacher.name} can only be a teacher through an inference profile, not by its model id`,
      hint: `give its inference profile ARN, e.g. arn:aws:bedrock:${region}:<account>:inference-profile/us.${teacher.id}.`,
    };
  }
  if (ref.profileRegion !== undefined && ref.profileRegion !== region) {
    return {
      ok: false,
      message: `the inference profile is in ${ref.profileRegion}, but the job runs in ${region}`,
      hint: `use the profile of ${region}: arn:aws:bedrock:${region}:<account>:inference-profile/...`,
    };
  }
  return { ok: true, teacher };
}
