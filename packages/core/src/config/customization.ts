import { z } from "zod";
import type { CustomizationType } from "../catalog/schema";

/**
 * `customization:` in tunegate.yml: how a model is trained. Supervised fine-tuning is the default;
 * reinforcement fine-tuning takes `reinforcement:` (the grader and typed hyperparameters), distillation
 * takes `distillation:` (the teacher). The kind must be one the base model's catalog entry lists.
 */
export const CUSTOMIZATIONS = ["fine-tuning", "reinforcement", "distillation"] as const;
export type Customization = (typeof CUSTOMIZATIONS)[number];

/** The API's `customizationType` of each kind. */
export const CUSTOMIZATION_TYPE: Readonly<Record<Customization, CustomizationType>> = {
  "fine-tuning": "FINE_TUNING",
  reinforcement: "REINFORCEMENT_FINE_TUNING",
  distillation: "DISTILLATION",
};

export const customizationField = z
  .enum(CUSTOMIZATIONS, { error: "expected one of fine-tuning, reinforcement, distillation" })
  .describe(
    "How the model is trained: fine-tuning (supervised, FINE_TUNING; the default), reinforcement " +
      "(REINFORCEMENT_FINE_TUNING with a Lambda grader, set under reinforcement:) or distillation " +
      "(DISTILLATION from a teacher model, set under distillation:). The base model's catalog entry must " +
      "list the type.",
  )
  .meta({ title: "Customization", examples: [...CUSTOMIZATIONS] });
