import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { readActions } from "./actions-markdown";

/**
 * The workflows the docs hand out (docs/examples) and the repository's own (.github/workflows) use the
 * actions with `with:` inputs that actionlint cannot check for a remote `tunegate/tunegate/actions/x@v1`.
 * This checks them against each action.yml: every input given exists, every required one is given.
 */

export interface WorkflowInputProblem {
  file: string;
  job: string;
  step: number;
  message: string;
}

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

/** `tunegate/tunegate/actions/validate@v1` or `./actions/validate` -> "validate". */
function tunegateAction(uses: string | undefined): string | undefined {
  if (!uses) return undefined;
  return /^(?:[^/\s]+\/tunegate\/|\.\/)actions\/([a-z-]+)(?:@\S+)?$/.exec(uses)?.[1];
}

export function workflowFiles(root: string): string[] {
  const dirs = ["docs/examples", ".github/workflows"];
  return dirs.flatMap((dir) => {
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      return [];
    }
    return names.filter((n) => /\.ya?ml$/.test(n)).map((n) => `${dir}/${n}`);
  });
}

export function workflowInputProblems(root: string): WorkflowInputProblem[] {
  const actions = new Map(readActions(root).map((a) => [a.dir, a.metadata]));
  return workflowFiles(root).flatMap((file) =>
    inputProblems(file, readFileSync(join(root, file), "utf8"), actions),
  );
}

type ActionsByDir = Map<string, { inputs?: Record<string, { required?: boolean; default?: string }> }>;

/** The problems of one workflow's text, against the actions' metadata by folder name. */
export function inputProblems(file: string, text: string, actions: ActionsByDir): WorkflowInputProblem[] {
  const problems: WorkflowInputProblem[] = [];
  const workflow = parse(text) as { jobs?: Record<string, { steps?: Step[] }> };
  for (const [job, body] of Object.entries(workflow.jobs ?? {})) {
    (body.steps ?? []).forEach((step, index) => {
      const name = tunegateAction(step.uses);
      if (!name) return;
      const at = { file, job, step: index + 1 };
      const action = actions.get(name);
      if (!action) {
        problems.push({ ...at, message: `${step.uses}: there is no actions/${name}` });
        return;
      }
      const declared = action.inputs ?? {};
      for (const input of Object.keys(step.with ?? {})) {
        if (!(input in declared))
          problems.push({ ...at, message: `actions/${name} has no input "${input}"` });
      }
      for (const [input, spec] of Object.entries(declared)) {
        if (spec.required && spec.default === undefined && !(input in (step.with ?? {}))) {
          problems.push({ ...at, message: `actions/${name} needs input "${input}"` });
        }
      }
    });
  }
  return problems;
}
