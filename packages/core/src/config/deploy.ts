import { z } from "zod";
import type { BaseModel } from "../catalog/schema";
import { DEPLOYMENT_NAME_PATTERN } from "../deploy/names";
import type { PathSegment } from "../rules/define";

/**
 * A model's `deploy:` section: serve what a merge trained on demand (a custom model deployment) and
 * promote it when it beats production. Only a base model the catalog serves on demand can have one.
 */

export const DEPLOY_WHEN = ["gates", "never"] as const;

export const deploySchema = z
  .object({
    name: z
      .string()
      .regex(
        DEPLOYMENT_NAME_PATTERN,
        "expected 1 to 63 letters and digits, with single - or _ between them (Bedrock's deployment name)",
      )
      .describe(
        "Name of the production custom model deployment (1-63 letters and digits, single - or _ between " +
          "them). Applications invoke its ARN; tunegate points it at each model it promotes.",
      ),
    on: z
      .enum(DEPLOY_WHEN)
      .optional()
      .describe(
        "When to promote a new model: gates (default) only when every evaluation gate passes against " +
          "production (at least as good when no gate is set); never: evaluate and report only.",
      ),
  })
  .strict()
  .describe(
    "Deploy each trained model on demand, evaluate it against the production deployment on the " +
      "evaluation set, and promote it when it is better (the report action and tunegate deploy).",
  )
  .meta({ title: "Deploy", examples: [{ name: "support-router", on: "gates" }] });

export interface ResolvedDeploy {
  name: string;
  on: (typeof DEPLOY_WHEN)[number];
}

type ReportError = (path: PathSegment[], message: string, hint?: string) => void;

/**
 * The model's deploy settings once its base model is known; a base model that AWS serves only through
 * Provisioned Throughput is an error at the section's line, with the way out.
 */
export function resolveDeploy(
  value: unknown,
  base: BaseModel,
  error: ReportError,
): ResolvedDeploy | undefined {
  const parsed = deploySchema.safeParse(value);
  if (!parsed.success) return undefined; // the schema pass already reported it at its line
  if (base.serving?.onDemand !== true) {
    error(
      ["deploy"],
      `${base.name} (${base.id}) cannot be served on demand: ${base.serving?.source ?? "the catalog names no on-demand deployment for it"}`,
      "remove deploy: from this model and serve it through Provisioned Throughput, or train a base model Bedrock serves on demand (Amazon Nova Micro, Lite, Pro, Nova 2 Lite; Llama 3.3 70B).",
    );
    return undefined;
  }
  return { name: parsed.data.name, on: parsed.data.on ?? "gates" };
}
